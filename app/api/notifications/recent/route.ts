// GET /api/notifications/recent — the signed-in user's latest notifications and unread count, for
// the bell's dropdown.
import { countUnreadNotifications, listNotifications } from "@/lib/data/notifications";
import { readForSignedInUser } from "../signed-in-read";

export const dynamic = "force-dynamic";

// What fits in the dropdown without scrolling on a laptop; the rest is one click away ("See all").
const RECENT = 6;

export function GET(): Promise<Response> {
  return readForSignedInUser(async (userId) => {
    const [{ items }, unread] = await Promise.all([
      listNotifications({ userId, unreadOnly: false, page: 1, pageSize: RECENT }),
      countUnreadNotifications(userId),
    ]);
    return {
      unread,
      items: items.map((n) => ({
        id: n.id,
        title: n.title,
        body: n.body,
        link: n.link,
        createdAt: n.createdAt.toISOString(),
        unread: n.readAt === null,
      })),
    };
  });
}
