"use client";

import { Button } from "@/components/ui/button";

/** The runs could not be read (database unreachable, say): a run under way goes on regardless. */
export default function GarbageCollectionError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <div className="rounded-xl border border-red-200 bg-surface p-6" role="alert">
      <p className="font-medium">Garbage collection could not be loaded</p>
      <p className="mt-1 text-sm text-slate-600">
        A run under way is not affected. It has been logged{error.digest ? ` (reference ${error.digest})` : ""}.
      </p>
      <Button onClick={reset} className="mt-4">
        Try again
      </Button>
    </div>
  );
}
