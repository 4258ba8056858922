import { getCurrentUser } from "@/lib/auth/session";
import { errorBody } from "@/lib/http/errors";

const NO_STORE = { "Cache-Control": "no-store" };

/**
 * The bell's reads: the signed-in user's own data as JSON, never cached, or a 401 without a session.
 * GET route handlers with the session cookie (writes are server actions); no CORS headers and a
 * SameSite=Lax cookie keep other sites from reading them.
 */
export async function readForSignedInUser(read: (userId: string) => Promise<unknown>): Promise<Response> {
  const user = await getCurrentUser();
  if (!user)
    return Response.json(errorBody("UNAUTHORIZED", "Sign in to see your notifications."), {
      status: 401,
      headers: NO_STORE,
    });
  return Response.json(await read(user.id), { headers: NO_STORE });
}
