"use client";

import { LoadError, type ErrorBoundaryProps } from "@/components/ui/load-error";

/** The retention area failed to load (database unreachable, say): nothing was changed or deleted. */
export function RetentionError(props: ErrorBoundaryProps) {
  return (
    <LoadError
      {...props}
      title="Tag retention could not be loaded"
      unaffected="Nothing was changed; scheduled runs keep going."
    />
  );
}
