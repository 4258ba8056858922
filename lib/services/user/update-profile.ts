import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { users } from "@/db/schema";
import { accessChanged } from "@/lib/data/access-cache";
import type { ProfileInput } from "@/lib/validations/settings";

/** Saves the caller's public profile; empty fields are stored as null (not shown). */
export async function updateProfile(userId: string, input: ProfileInput): Promise<void> {
  const orNull = (v: string) => (v === "" ? null : v);
  await getDb()
    .update(users)
    .set({
      displayName: orNull(input.displayName),
      company: orNull(input.company),
      location: orNull(input.location),
      website: orNull(input.website),
      updatedAt: new Date(),
    })
    .where(eq(users.id, userId));
  // The display name is part of what a token's owner lookup returns.
  accessChanged(getDb());
}
