import { tokenGrants, type VerifiedToken } from "@/lib/registry/token-verifier";
import type { RepositoryFacts } from "./repository-permissions";

/**
 * What the front door refuses before the registry is asked, decided from facts the door looked
 * up (lib/front-door/rules.ts). Pure: a refusal says its status, registry error code and message.
 */
export type DoorRefusal = {
  status: number;
  code: "DENIED" | "UNAVAILABLE";
  message: string;
  retryAfterSeconds?: number;
};

const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export function isRegistryWrite(method: string): boolean {
  return WRITES.has(method);
}

/**
 * A repository being deleted takes no pushes and serves no pulls, even to a client whose token was
 * handed out before the deletion began (tokens live for minutes; the deletion is now).
 */
export function repositoryStateRefusal(name: string, repository: RepositoryFacts): DoorRefusal | null {
  if (repository?.status !== "deleting") return null;
  return {
    status: 403,
    code: "DENIED",
    message: `${name} is being deleted: it takes no pushes or pulls until the deletion has finished.`,
  };
}

/** How long a client refused during a read-only window is told to wait before trying again. */
export const READ_ONLY_RETRY_SECONDS = 60;

/** During a read-only window (garbage collection, maintenance) writes wait; pulls go on. */
export function readOnlyRefusal(method: string, window: { message: string } | null): DoorRefusal | null {
  if (!window || !isRegistryWrite(method)) return null;
  return {
    status: 503,
    code: "UNAVAILABLE",
    message: `The registry is read-only for now: ${window.message} Pulls keep working; try the push again later.`,
    retryAfterSeconds: READ_ONLY_RETRY_SECONDS,
  };
}

/** How long a push refused during garbage collection is told to wait (a collection takes seconds to minutes). */
export const GC_RETRY_SECONDS = 30;

/**
 * While the registry's garbage collection runs, writes wait (the sweep must not race a push that
 * uploads a blob it is about to delete); pulls go on, served by a read-only registry meanwhile.
 */
export function gcWindowRefusal(method: string, window: { since: string } | null): DoorRefusal | null {
  if (!window || !isRegistryWrite(method)) return null;
  return {
    status: 503,
    code: "UNAVAILABLE",
    message: `The registry is read-only while garbage collection reclaims disk space (since ${window.since.slice(11, 16)} UTC). Pulls keep working; try the push again in a minute.`,
    retryAfterSeconds: GC_RETRY_SECONDS,
  };
}

/**
 * The door answers a blob or manifest GET or HEAD from the registry's storage itself only for a
 * client the registry would serve it to: a token whose signature, issuer, audience and expiry the door checked
 * (as the registry does) granting `pull` on this repository. Any other request goes to the
 * registry, so its 401 challenge or denial is the registry's own.
 */
export function doorMayServeFromStorage(token: VerifiedToken | null, repository: string): boolean {
  return tokenGrants(token, repository, "pull");
}
