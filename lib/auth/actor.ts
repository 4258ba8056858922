import "server-only";
import type { Actor } from "@/lib/authz/rules/repository-permissions";
import type { CurrentUser } from "@/lib/data/sessions";

/** The signed-in user (or nobody) as the authorization rules see them. */
export function actorOf(user: CurrentUser | null, ip: string | null = null): Actor {
  return user ? { kind: "user", userId: user.id, isAdmin: user.isAdmin, ip } : { kind: "anonymous", ip };
}
