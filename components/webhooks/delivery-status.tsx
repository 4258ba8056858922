const STYLES = {
  succeeded: "bg-emerald-50 text-emerald-800 ring-emerald-600/20",
  failed: "bg-red-50 text-red-800 ring-red-600/20",
  retrying: "bg-amber-50 text-amber-800 ring-amber-600/20",
  queued: "bg-slate-50 text-slate-700 ring-slate-500/20",
} as const;

const LABELS = { succeeded: "Delivered", failed: "Failed", retrying: "Retrying", queued: "Queued" } as const;

export function DeliveryStatus({ status }: { status: keyof typeof STYLES }) {
  return (
    <span data-testid="delivery-status" className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${STYLES[status]}`}>
      {LABELS[status]}
    </span>
  );
}

export const EVENT_LABELS: Record<string, string> = { push: "Push", tag_deleted: "Tag deleted", repository_deleted: "Repository deleted", test: "Test" };
