// GET /api/v1/user — the account a personal access token belongs to.
import { authenticateApiRequest } from "@/lib/http/api-auth";
import { errorResponse } from "@/lib/http/errors";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  try {
    const { user, token } = await authenticateApiRequest(request);
    return Response.json({
      username: user.username,
      email: user.email,
      display_name: user.displayName,
      two_factor_enabled: user.twoFactorEnabled,
      token: { scope: token.scope, expires_at: token.expiresAt?.toISOString() ?? null },
    });
  } catch (err) {
    return errorResponse(err, "GET /api/v1/user");
  }
}
