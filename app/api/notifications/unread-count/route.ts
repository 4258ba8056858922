// GET /api/notifications/unread-count — the signed-in user's unread count, for the header's bell.
import { countUnreadNotifications } from "@/lib/data/notifications";
import { readForSignedInUser } from "../signed-in-read";

export const dynamic = "force-dynamic";

export function GET(): Promise<Response> {
  return readForSignedInUser(async (userId) => ({ count: await countUnreadNotifications(userId) }));
}
