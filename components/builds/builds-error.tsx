"use client";

import { LoadError, type ErrorBoundaryProps } from "@/components/ui/load-error";

/** A list of builds failed to load (database unreachable, say): running builds go on. */
export function BuildsError(props: ErrorBoundaryProps) {
  return <LoadError {...props} title="Builds could not be loaded" unaffected="Running builds go on regardless." />;
}
