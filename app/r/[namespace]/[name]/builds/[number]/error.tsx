"use client";

import { Button } from "@/components/ui/button";

/** The build's record failed to load (database unreachable, say): the build itself goes on. */
export default function BuildError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="rounded-xl border border-red-200 bg-surface p-6" role="alert">
      <p className="font-medium">This build could not be loaded</p>
      <p className="mt-1 text-sm text-slate-600">
        A running build goes on regardless. It has been logged{error.digest ? ` (reference ${error.digest})` : ""}.
      </p>
      <Button onClick={reset} className="mt-4">
        Try again
      </Button>
    </div>
  );
}
