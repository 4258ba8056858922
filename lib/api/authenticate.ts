import "server-only";
import { headers } from "next/headers";
import { limits } from "@/lib/services/rate-limit/limits";
import { UnauthorizedError } from "@/lib/errors";
import { clientIp } from "@/lib/http/client-ip";
import {
  authenticatePersonalAccessToken,
  type TokenPrincipal,
} from "@/lib/services/personal-access-token/authenticate";
import { assertNotLimited, takeSlot } from "@/lib/services/rate-limit/consume";

/**
 * The JSON API's authentication: `Authorization: Bearer rcp_…` (a personal access token), never
 * the browser session, so no CSRF exposure. Checked on every request.
 */
export async function authenticateApiRequest(request: Request): Promise<TokenPrincipal> {
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw new UnauthorizedError("Send a personal access token: Authorization: Bearer <token>");
  const address = limits.loginAddress(clientIp(await headers()));
  await assertNotLimited(address);
  const check = await authenticatePersonalAccessToken(match[1]!);
  if (!check.ok) {
    // Told "invalid" only within the address's failure slots; past them, 429 (see takeSlots).
    await takeSlot(address);
    const messages = {
      unknown: "Invalid token",
      inactive: "This token is deactivated",
      expired: "This token has expired",
      account_deactivated: "This account has been deactivated",
    };
    throw new UnauthorizedError(messages[check.reason]);
  }
  return check.principal;
}
