"use client";

import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";

export type ErrorBoundaryProps = { error: Error & { digest?: string }; reset: () => void };

/**
 * What a section's error.tsx shows when its data could not be read (database unreachable, say):
 * what failed, what still works regardless (`unaffected`), the logged reference, and a retry.
 */
export function LoadError({
  title,
  unaffected,
  error,
  reset,
  testId,
}: ErrorBoundaryProps & { title: string; unaffected: ReactNode; testId?: string }) {
  return (
    <div className="rounded-xl border border-red-200 bg-surface p-6" role="alert" data-testid={testId}>
      <p className="font-medium">{title}</p>
      <p className="mt-1 text-sm text-slate-600">
        {unaffected} It has been logged{error.digest ? ` (reference ${error.digest})` : ""}.
      </p>
      <Button onClick={reset} className="mt-4">
        Try again
      </Button>
    </div>
  );
}
