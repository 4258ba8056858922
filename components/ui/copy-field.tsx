import { CopyButton } from "./copy-button";

/**
 * A value to copy (a command, a secret, a URL), always shown whole: long values wrap at any
 * character instead of being cut or scrolled out of sight, so what you read is what you copy.
 * `command` shows a shell prompt on a dark box.
 */
export function CopyField({
  value,
  command = false,
  label = "Copy",
  testId,
}: {
  value: string;
  command?: boolean;
  label?: string;
  testId?: string;
}) {
  const box = command
    ? "border-terminal-line bg-terminal text-terminal-fg"
    : "border-slate-200 bg-slate-50 text-slate-800";
  return (
    <div className={`flex items-start justify-between gap-3 rounded-md border px-3 py-2 ${box}`}>
      <code className="min-w-0 font-mono text-sm break-all whitespace-pre-wrap" data-testid={testId}>
        {command ? <span className="text-terminal-muted select-none">$ </span> : null}
        {value}
      </code>
      <CopyButton value={value} label={label} />
    </div>
  );
}
