"use client";

import { LoadError, type ErrorBoundaryProps } from "@/components/ui/load-error";

/** The storage figures could not be read (database unreachable, say): pushes and quotas are unaffected. */
export default function AdminStorageError(props: ErrorBoundaryProps) {
  return (
    <LoadError
      {...props}
      title="Storage could not be loaded"
      unaffected="Nothing was changed, and quotas are still enforced."
      testId="storage-error"
    />
  );
}
