"use client";

import { Button } from "@/components/ui/button";

/** The storage figures could not be read (database unreachable, say): pushes and quotas are unaffected. */
export default function AdminStorageError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="rounded-xl border border-red-200 bg-surface p-6" role="alert" data-testid="storage-error">
      <p className="font-medium">Storage could not be loaded</p>
      <p className="mt-1 text-sm text-slate-600">
        Nothing was changed, and quotas are still enforced. It has been logged
        {error.digest ? ` (reference ${error.digest})` : ""}.
      </p>
      <Button onClick={reset} className="mt-4">
        Try again
      </Button>
    </div>
  );
}
