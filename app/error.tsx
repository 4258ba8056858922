"use client";

import { Button } from "@/components/ui/button";

/** Last-resort error page: says what happened in plain words, never the internals. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="mx-auto max-w-xl rounded-lg border border-red-200 bg-surface p-8 text-center" role="alert">
      <h1 className="text-xl font-semibold">Something went wrong</h1>
      <p className="mt-2 text-sm text-slate-600">
        The page could not be loaded. It has been logged{error.digest ? ` (reference ${error.digest})` : ""}.
      </p>
      <Button onClick={reset} className="mt-6">
        Try again
      </Button>
    </div>
  );
}
