import {
  gcWindowRefusal,
  isRegistryWrite,
  readOnlyRefusal,
  repositoryStateRefusal,
  type DoorRefusal,
} from "@/lib/authz/rules/front-door";
import { getGcWindowForRequests } from "@/lib/data/registry-gc";
import { getRepositoryAccessContext } from "@/lib/data/repositories";
import { getSiteSettingForRequests } from "@/lib/data/site-settings";
import type { RegistryError } from "@/lib/http/registry-errors";
import { tokenGrants, type VerifiedToken } from "@/lib/registry/token-verifier";
import { splitRepositoryPath } from "@/lib/validations/repository";
import type { RegistryRoute } from "./route";

/**
 * The rules every request to a repository passes at the door, in order: read-only windows (the
 * operator's, then a garbage collection's), then
 * the repository's state. The facts come from caches emptied on every change (lib/data/access-cache),
 * so a deletion or a read-only window applies to the very next request on every console.
 */
export async function checkDoorRules(
  route: RegistryRoute,
  method: string,
  token: VerifiedToken | null,
): Promise<RegistryError | null> {
  // Only writes can be refused for a read-only window: pulls do not even read the setting.
  if (isRegistryWrite(method)) {
    const readOnly = readOnlyRefusal(method, await getSiteSettingForRequests("registry.read_only"));
    if (readOnly) return asRegistryError(readOnly);
    const gc = gcWindowRefusal(method, await getGcWindowForRequests());
    if (gc) return asRegistryError(gc);
  }
  if (!("name" in route)) return null;
  // Only a client whose token names this repository hears about its state; anyone else gets the
  // registry's own answer (401 or denied), which says nothing about whether it exists.
  if (!tokenGrants(token, route.name)) return null;
  const path = splitRepositoryPath(route.name);
  if (!path) return null;
  const ctx = await getRepositoryAccessContext(path.namespace, path.name);
  const state = repositoryStateRefusal(route.name, ctx.repository);
  return state ? asRegistryError(state) : null;
}

/** A refusal decided in lib/authz, as the registry error body and headers the door answers with. */
export function asRegistryError(r: DoorRefusal): RegistryError {
  return {
    status: r.status,
    code: r.code,
    message: r.message,
    headers: r.retryAfterSeconds === undefined ? undefined : { "retry-after": String(r.retryAfterSeconds) },
  };
}
