const STYLES = {
  up: "bg-emerald-50 text-emerald-700 ring-emerald-600/20",
  ok: "bg-emerald-50 text-emerald-700 ring-emerald-600/20",
  down: "bg-red-50 text-red-700 ring-red-600/20",
  degraded: "bg-amber-50 text-amber-800 ring-amber-600/20",
} as const;

const LABELS = { up: "Operational", ok: "All systems operational", down: "Down", degraded: "Degraded" } as const;

export function StatusBadge({ status }: { status: keyof typeof STYLES }) {
  return (
    <span className={`inline-flex items-center gap-1.5 rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ring-inset ${STYLES[status]}`} data-status={status}>
      <span aria-hidden className={`h-1.5 w-1.5 rounded-full ${status === "up" || status === "ok" ? "bg-emerald-500" : status === "down" ? "bg-red-500" : "bg-amber-500"}`} />
      {LABELS[status]}
    </span>
  );
}
