import "server-only";
import { logger } from "@/lib/logger";
import { notifyExpiringTokens } from "@/lib/services/notification/notify-expiring-tokens";
import { repeatInBackground } from "./repeat";

// Soon after start-up, so a console that was down when a token entered its last week catches up.
const FIRST_RUN_MS = 10_000;

/**
 * Sends the "token expires soon" notices from this server process (started from
 * instrumentation.ts): once shortly after start, then every `seconds`. Each token is announced
 * once (notify-expiring-tokens stamps it), however many processes run this.
 */
export function startTokenExpiryNotifier(seconds: number): void {
  const run = async () => {
    const n = await notifyExpiringTokens();
    if (n > 0) logger.info("token expiry notices sent", { tokens: n });
  };
  repeatInBackground("token expiry notifier", run, seconds * 1000, Math.min(FIRST_RUN_MS, seconds * 1000));
}
