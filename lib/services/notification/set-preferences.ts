import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import { NOTIFICATION_KINDS, notificationPreferences } from "@/db/schema";
import type { NotificationPreferencesInput } from "@/lib/validations/notification";

/**
 * Saves the signed-in user's choice for every kind at once (the form shows all of them), so a
 * kind left unticked is stored as "off" rather than falling back to its default.
 */
export async function setNotificationPreferences(userId: string, input: NotificationPreferencesInput): Promise<void> {
  const email = new Set(input.email);
  const inApp = new Set(input.inApp);
  await getDb()
    .insert(notificationPreferences)
    .values(NOTIFICATION_KINDS.map((kind) => ({ userId, kind, email: email.has(kind), inApp: inApp.has(kind) })))
    .onConflictDoUpdate({
      target: [notificationPreferences.userId, notificationPreferences.kind],
      set: { email: sql`excluded.email`, inApp: sql`excluded.in_app`, updatedAt: sql`now()` },
    });
}
