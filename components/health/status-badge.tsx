import { Badge, type BadgeTone } from "@/components/ui/badge";

const TONES = { up: "success", ok: "success", down: "danger", degraded: "warning" } as const satisfies Record<
  string,
  BadgeTone
>;

const LABELS = { up: "Operational", ok: "All systems operational", down: "Down", degraded: "Degraded" } as const;

export function StatusBadge({ status }: { status: keyof typeof TONES }) {
  return (
    <Badge tone={TONES[status]} data-status={status}>
      <span
        aria-hidden
        className={`h-1.5 w-1.5 rounded-full ${status === "up" || status === "ok" ? "bg-emerald-500" : status === "down" ? "bg-red-500" : "bg-amber-500"}`}
      />
      {LABELS[status]}
    </Badge>
  );
}
