"use client";

import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { startGarbageCollectionAction } from "@/lib/actions/garbage-collection";

/** Starting a collection asks first: pushes are refused for as long as it sweeps. */
export function GcStartButton({ reclaimable, disabled }: { reclaimable: string; disabled: boolean }) {
  return (
    <ConfirmDialog
      trigger="Run garbage collection"
      triggerVariant="primary"
      triggerDisabled={disabled}
      title="Run garbage collection now?"
      description={
        <>
          The registry goes read-only while it sweeps: pushes and deletes get <code>503</code> with{" "}
          <code>Retry-After</code>, pulls keep working. It deletes the blobs no tagged image uses (about {reclaimable}{" "}
          by the index); untagged manifests are kept.
        </>
      }
      confirmLabel="Run garbage collection"
      pendingText="Queuing…"
      variant="primary"
      formAction={startGarbageCollectionAction}
      testId="gc-start-dialog"
    />
  );
}
