import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { startRetentionRunAction } from "@/lib/actions/retention";

/** "Dry run" (records what would go) and "Run now" (deletes), each confirmed first; both open the run's record. */
export function RunButtons({ namespace, disabled }: { namespace: string; disabled: boolean }) {
  const fields = (dryRun: boolean) => (
    <>
      <input type="hidden" name="namespace" value={namespace} />
      <input type="hidden" name="dryRun" value={String(dryRun)} />
    </>
  );
  return (
    <div className="flex flex-wrap gap-3">
      <ConfirmDialog
        trigger="Dry run"
        triggerDisabled={disabled}
        title="Start a dry run?"
        description="The rules are applied to every repository of the namespace, and the run records what would be deleted and the bytes that would free. Nothing is deleted."
        confirmLabel="Start dry run"
        pendingText="Starting…"
        variant="primary"
        formAction={startRetentionRunAction}
        fields={fields(true)}
        testId="retention-dry-run-dialog"
      />
      <ConfirmDialog
        trigger="Run now"
        triggerVariant="danger"
        triggerDisabled={disabled}
        title="Delete what the rules do not keep?"
        description="In every repository a rule selects, each image no rule keeps is deleted with all its tags, and webhooks are sent. Images with an immutable tag are kept. This cannot be undone: start with a dry run if unsure."
        confirmLabel="Run and delete"
        pendingText="Starting…"
        formAction={startRetentionRunAction}
        fields={fields(false)}
        testId="retention-run-now-dialog"
      />
    </div>
  );
}
