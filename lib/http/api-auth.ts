import "server-only";
import { headers } from "next/headers";
import { limits } from "@/lib/auth/limits";
import { UnauthorizedError } from "@/lib/errors";
import { clientIp } from "@/lib/http/client-ip";
import { authenticatePersonalAccessToken, type TokenPrincipal } from "@/lib/services/personal-access-token/authenticate";
import { releaseSlot, takeSlot } from "@/lib/services/rate-limit/consume";

/**
 * The JSON API's authentication: `Authorization: Bearer rcp_…` (a personal access token), never
 * the browser session, so no CSRF exposure. Checked on every request.
 */
export async function authenticateApiRequest(request: Request): Promise<TokenPrincipal> {
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw new UnauthorizedError("Send a personal access token: Authorization: Bearer <token>");
  const address = limits.loginAddress(clientIp(await headers()));
  await takeSlot(address);
  const check = await authenticatePersonalAccessToken(match[1]!);
  if (!check.ok) {
    const messages = { unknown: "Invalid token", inactive: "This token is deactivated", expired: "This token has expired", account_deactivated: "This account has been deactivated" };
    throw new UnauthorizedError(messages[check.reason]);
  }
  await releaseSlot(address);
  return check.principal;
}
