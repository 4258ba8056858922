import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { namespaces } from "@/db/schema";
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
