import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { namespaces, users } from "@/db/schema";
import { accessChanged } from "@/lib/data/access-cache";

/** Default visibility for new repositories in the caller's personal namespace. */
export async function setDefaultVisibility(userId: string, visibility: "public" | "private"): Promise<void> {
  const [user] = await getDb()
    .select({ namespaceId: users.namespaceId })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  if (!user) return;
  await getDb().update(namespaces).set({ defaultVisibility: visibility }).where(eq(namespaces.id, user.namespaceId));
  accessChanged(getDb());
}
