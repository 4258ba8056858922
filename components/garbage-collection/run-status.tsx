import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { GcRunView } from "@/lib/data/registry-gc";

const TONES: Record<GcRunView["status"], BadgeTone> = {
  queued: "neutral",
  running: "brand",
  succeeded: "success",
  failed: "danger",
  interrupted: "warning",
};

export function GcRunStatus({ status }: { status: GcRunView["status"] }) {
  return (
    <Badge tone={TONES[status]} data-testid="gc-run-status">
      {status}
    </Badge>
  );
}
