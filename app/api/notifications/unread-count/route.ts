// GET /api/notifications/unread-count — the signed-in user's unread count, for the header's bell.
// A read, so a GET route handler with the session cookie rather than a server action (those are
// for writes). Cross-site pages cannot read it: no CORS headers, and the cookie is SameSite=Lax.
import { getCurrentUser } from "@/lib/auth/session";
import { countUnreadNotifications } from "@/lib/data/notifications";
import { errorBody } from "@/lib/http/errors";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const user = await getCurrentUser();
  if (!user)
    return Response.json(errorBody("UNAUTHORIZED", "Sign in to see your notifications."), {
      status: 401,
      headers: { "Cache-Control": "no-store" },
    });
  return Response.json(
    { count: await countUnreadNotifications(user.id) },
    { headers: { "Cache-Control": "no-store" } },
  );
}
