"use client";

import { LoadError, type ErrorBoundaryProps } from "@/components/ui/load-error";

/** The runs could not be read (database unreachable, say): a run under way goes on regardless. */
export default function GarbageCollectionError(props: ErrorBoundaryProps) {
  return (
    <LoadError
      {...props}
      title="Garbage collection could not be loaded"
      unaffected="A run under way is not affected."
    />
  );
}
