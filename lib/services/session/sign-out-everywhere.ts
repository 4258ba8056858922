import "server-only";
import { transaction } from "@/db";
import { recordAudit } from "@/lib/services/audit-event/record";
import { revokeRefreshTokens } from "@/lib/services/registry-refresh-token/revoke";
import { revokeOtherSessions } from "./revoke";

/**
 * "Sign out everywhere": every web session of the user, the caller's own included, and every
 * docker login, whether made with the password or a personal access token, in one transaction
 * with its audit entry, so a lost laptop or a leaked `~/.docker/config.json` is cut off at once
 * and nothing is left half-done. Personal access tokens themselves stay: they are managed (and
 * deleted) on their own page, and may be in use by CI.
 */
export async function signOutEverywhere(input: {
  userId: string;
  ip: string | null;
}): Promise<{ sessions: number; dockerLogins: number }> {
  return transaction(async (tx) => {
    const sessions = await revokeOtherSessions(input.userId, null, tx);
    const dockerLogins = await revokeRefreshTokens(input.userId, { passwordOnly: false }, tx);
    await recordAudit(
      { actorId: input.userId, action: "signed_out_everywhere", metadata: { sessions, dockerLogins }, ip: input.ip },
      tx,
    );
    return { sessions, dockerLogins };
  });
}
