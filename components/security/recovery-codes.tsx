"use client";

import { Button } from "@/components/ui/button";
import { buttonClass } from "@/components/ui/button-styles";
import { CopyButton } from "@/components/ui/copy-button";

/** Recovery codes, shown once: copy all or download, with the warning people need. */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone?: () => void }) {
  const text = codes.join("\n");
  const download = `data:text/plain;charset=utf-8,${encodeURIComponent(`Dockyard recovery codes\n\n${text}\n`)}`;
  return (
    <div className="space-y-4 rounded-lg border border-amber-300 bg-amber-50 p-5" data-testid="recovery-codes">
      <div>
        <h3 className="font-semibold text-amber-900">Save your recovery codes</h3>
        <p className="mt-1 text-sm text-amber-900">
          Each code signs you in once if you lose your authenticator. Keep them somewhere safe: they will not be shown
          again.
        </p>
      </div>
      <ol className="grid grid-cols-1 gap-x-8 gap-y-1 rounded-md bg-surface p-4 font-mono text-sm sm:grid-cols-2">
        {codes.map((c) => (
          <li key={c} data-testid="recovery-code">
            {c}
          </li>
        ))}
      </ol>
      <div className="flex flex-wrap items-center gap-2">
        <CopyButton value={text} label="Copy all" />
        <a href={download} download="dockyard-recovery-codes.txt" className={buttonClass("secondary", "", "sm")}>
          Download .txt
        </a>
        {onDone ? (
          <Button onClick={onDone} className="ml-auto">
            I have saved them
          </Button>
        ) : null}
      </div>
    </div>
  );
}
