/**
 * A grey pulsing placeholder the size of what is loading: a block (loading.tsx files) or, with
 * `shape="line"`, one line of text (give it a width; the bell's preview uses them).
 */
export function Skeleton({ className = "h-40", shape = "block" }: { className?: string; shape?: "block" | "line" }) {
  return (
    <div
      aria-hidden
      className={`animate-pulse bg-slate-200 ${shape === "line" ? "rounded" : "rounded-xl"} ${className}`}
    />
  );
}
