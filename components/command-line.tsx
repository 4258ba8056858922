import { CopyButton } from "./copy-button";

/** A shell command in a monospace box with a copy button. */
export function CommandLine({ command }: { command: string }) {
  return (
    <div className="flex items-center justify-between gap-3 rounded-md border border-slate-200 bg-slate-950 px-3 py-2">
      <code className="overflow-x-auto whitespace-nowrap font-mono text-sm text-slate-100">
        <span className="select-none text-slate-500">$ </span>
        {command}
      </code>
      <CopyButton value={command} />
    </div>
  );
}
