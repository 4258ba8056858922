import "server-only";
import { getDb } from "@/db";
import { gettingStartedDismissals } from "@/db/schema";

/** Closes the caller's getting-started checklist for good (closing it twice keeps the first time). */
export async function dismissGettingStarted(userId: string): Promise<void> {
  await getDb().insert(gettingStartedDismissals).values({ userId }).onConflictDoNothing();
}
