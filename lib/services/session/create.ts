import "server-only";
import { transaction } from "@/db";
import { sessions } from "@/db/schema";
import { getEnv } from "@/lib/env";
import { notify } from "@/lib/services/notification/notify";
import { browserLabel } from "@/lib/user-agent";

/**
 * Opens a browser session. With `notifySignIn` (every sign-in except the one that comes with
 * creating the account) the owner is told where it came from, in the same transaction, so
 * nobody gets into an account unannounced.
 */
export async function createSession(
  userId: string,
  meta: { userAgent: string | null; ipAddress: string | null },
  opts: { notifySignIn?: boolean } = {},
): Promise<string> {
  const expiresAt = new Date(Date.now() + getEnv().SESSION_MAX_AGE_SECONDS * 1000);
  const userAgent = meta.userAgent?.slice(0, 300) ?? null;
  const id = await transaction(async (tx) => {
    const [row] = await tx
      .insert(sessions)
      .values({ userId, expiresAt, userAgent, ipAddress: meta.ipAddress })
      .returning({ id: sessions.id });
    if (opts.notifySignIn) {
      await notify(tx, [
        {
          userId,
          kind: "new_sign_in",
          title: "New sign-in to your account",
          // Named as people know their devices ("Firefox 140 on Linux"), not as the raw header.
          body: `Your account was signed in to with ${browserLabel(userAgent)} from ${meta.ipAddress ?? "an unknown address"}. If this wasn't you, change your password and turn on two-factor authentication.`,
          link: "/settings/security",
        },
      ]);
    }
    return row!.id;
  });
  return id;
}
