import "server-only";
import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { namespaces, organizationMembers, users } from "@/db/schema";
import type { NamespaceStanding } from "@/lib/authz/rules/namespace-owner";
import { ownsOrganization } from "@/lib/authz/rules/sql-rules";
import { listMyOrganizations } from "./organizations";

export type NamespaceChoice = {
  id: string;
  name: string;
  kind: "user" | "org";
  defaultVisibility: "public" | "private";
};

/** The namespaces a user can act in: their own first, then each organization they belong to. */
export async function listMyNamespaces(user: { username: string }, userId: string): Promise<NamespaceChoice[]> {
  const orgs = await listMyOrganizations(userId);
  const names = [user.username, ...orgs.map((o) => o.name)];
  const rows = await Promise.all(
    names.map((n) =>
      getDb()
        .select({
          id: namespaces.id,
          name: namespaces.name,
          kind: namespaces.kind,
          defaultVisibility: namespaces.defaultVisibility,
        })
        .from(namespaces)
        .where(eq(namespaces.name, n))
        .limit(1),
    ),
  );
  return rows.flatMap((r) => r);
}

/**
 * The namespace `name` and the viewer's standing in it (its personal owner, or owner or member of
 * the organization), the facts authorizeNamespaceOwnerRead decides from; null when there is none.
 */
export async function getNamespaceStanding(viewerId: string, name: string): Promise<NamespaceStanding | null> {
  // The join also makes drizzle qualify `namespaces.id` inside the subqueries (alone it would read `id`).
  const [row] = await getDb()
    .select({
      id: namespaces.id,
      name: namespaces.name,
      kind: namespaces.kind,
      personalOwnerId: users.id,
      ownsOrg: ownsOrganization(namespaces.id, viewerId),
      inOrg: sql<boolean>`exists(select 1 from ${organizationMembers} m where m.organization_id = ${namespaces.id} and m.user_id = ${viewerId})`,
    })
    .from(namespaces)
    .leftJoin(users, eq(users.namespaceId, namespaces.id))
    .where(eq(namespaces.name, name.toLowerCase()))
    .limit(1);
  return row ? { ...row, personalOwnerId: row.personalOwnerId ?? null } : null;
}
