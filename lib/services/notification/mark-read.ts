import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { notifications } from "@/db/schema";
import { NotFoundError } from "@/lib/errors";

/**
 * Marks one of the caller's own notifications read and returns where it points. Someone else's id
 * is "not found", exactly like a missing one. Opening an already read item keeps its first read time.
 */
export async function markNotificationRead(userId: string, notificationId: string): Promise<{ link: string | null }> {
  const [row] = await getDb()
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
    .where(and(eq(notifications.id, notificationId), eq(notifications.userId, userId)))
    .returning({ link: notifications.link });
  if (!row) throw new NotFoundError("This notification no longer exists.");
  return row;
}
