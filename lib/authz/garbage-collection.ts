import "server-only";
import { getEnv } from "@/lib/env";
import { ForbiddenError, GcNotManagedError } from "@/lib/errors";
import { gcReadRefusal, gcStartRefusal } from "./rules/garbage-collection";

type Viewer = { isAdmin?: boolean } | null;

/** Whether this console runs the registry (scripts/console.ts sets the door's storage only then). */
export function managesRegistry(): boolean {
  return Boolean(getEnv().FRONT_DOOR_STORAGE_DIR);
}

/** Runs and their logs are for site operators only. */
export function requireGcReader(viewer: Viewer): void {
  if (gcReadRefusal(viewer)) throw new ForbiddenError("Only site operators can see garbage collection.");
}

/** Starting one (or scheduling): site operators, on a console that runs its registry. */
export function requireGcStarter(viewer: Viewer): void {
  const refusal = gcStartRefusal(viewer, managesRegistry());
  if (refusal === "forbidden") throw new ForbiddenError("Only site operators can run garbage collection.");
  if (refusal === "not-managed")
    throw new GcNotManagedError(
      "This console uses an external registry (REGISTRY_URL): run `docker-registry garbage-collect <config>` on that registry yourself, with it stopped or read-only.",
    );
}
