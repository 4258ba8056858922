import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { RetentionRunRow } from "@/lib/data/retention";

const TONE: Record<RetentionRunRow["status"], BadgeTone> = {
  queued: "neutral",
  running: "brand",
  succeeded: "success",
  failed: "danger",
};

/** A run's status, and whether it was a dry run. */
export function RunStatus({ run }: { run: Pick<RetentionRunRow, "status" | "dryRun"> }) {
  return (
    <span className="inline-flex gap-1">
      <Badge tone={TONE[run.status]} data-testid="run-status">
        {run.status}
      </Badge>
      {run.dryRun ? <Badge tone="warning">dry run</Badge> : null}
    </span>
  );
}
