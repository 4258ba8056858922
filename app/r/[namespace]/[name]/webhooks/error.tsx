"use client";

import { LoadError, type ErrorBoundaryProps } from "@/components/ui/load-error";

/** The webhooks area failed to load (database unreachable, say): the rest of the repository still works. */
export default function WebhooksError(props: ErrorBoundaryProps) {
  return (
    <LoadError
      {...props}
      title="Webhooks could not be loaded"
      unaffected="Nothing was changed; queued deliveries keep going."
    />
  );
}
