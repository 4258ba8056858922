// GET /api/notifications/recent — the signed-in user's latest notifications and unread count, for
// the bell's dropdown. A read, so a GET route handler with the session cookie (writes are server
// actions); no CORS headers and a SameSite=Lax cookie keep other sites from reading it.
import { getCurrentUser } from "@/lib/auth/session";
import { countUnreadNotifications, listNotifications } from "@/lib/data/notifications";
import { errorBody } from "@/lib/http/errors";

export const dynamic = "force-dynamic";

// What fits in the dropdown without scrolling on a laptop; the rest is one click away ("See all").
const RECENT = 6;

export async function GET(): Promise<Response> {
  const user = await getCurrentUser();
  if (!user)
    return Response.json(errorBody("UNAUTHORIZED", "Sign in to see your notifications."), {
      status: 401,
      headers: { "Cache-Control": "no-store" },
    });
  const [{ items }, unread] = await Promise.all([
    listNotifications({ userId: user.id, unreadOnly: false, page: 1, pageSize: RECENT }),
    countUnreadNotifications(user.id),
  ]);
  return Response.json(
    {
      unread,
      items: items.map((n) => ({
        id: n.id,
        title: n.title,
        body: n.body,
        link: n.link,
        createdAt: n.createdAt.toISOString(),
        unread: n.readAt === null,
      })),
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}
