import { Badge, type BadgeTone } from "@/components/ui/badge";

const TONES = {
  succeeded: "success",
  failed: "danger",
  retrying: "warning",
  queued: "neutral",
} as const satisfies Record<string, BadgeTone>;

const LABELS = { succeeded: "Delivered", failed: "Failed", retrying: "Retrying", queued: "Queued" } as const;

export function DeliveryStatus({ status }: { status: keyof typeof TONES }) {
  return (
    <Badge tone={TONES[status]} data-testid="delivery-status">
      {LABELS[status]}
    </Badge>
  );
}

export const EVENT_LABELS: Record<string, string> = {
  push: "Push",
  tag_deleted: "Tag deleted",
  repository_deleted: "Repository deleted",
  build_succeeded: "Build succeeded",
  build_failed: "Build failed",
  test: "Test",
};
