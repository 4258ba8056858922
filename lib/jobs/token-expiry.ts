import "server-only";
import { logger } from "@/lib/logger";
import { notifyExpiringTokens } from "@/lib/services/notification/notify-expiring-tokens";

// Soon after start-up, so a console that was down when a token entered its last week catches up.
const FIRST_RUN_MS = 10_000;

const state = globalThis as unknown as { __tokenExpiryTimer?: NodeJS.Timeout };

/**
 * Sends the "token expires soon" notices from this server process (started from
 * instrumentation.ts): once shortly after start, then every `seconds`. Each token is announced
 * once (notify-expiring-tokens stamps it), however many processes run this.
 */
export function startTokenExpiryNotifier(seconds: number): void {
  if (state.__tokenExpiryTimer) return;
  const schedule = (ms: number) => {
    state.__tokenExpiryTimer = setTimeout(tick, ms);
    state.__tokenExpiryTimer.unref();
  };
  const tick = () =>
    void notifyExpiringTokens()
      .then((n) => {
        if (n > 0) logger.info("token expiry notices sent", { tokens: n });
      })
      .catch((err: unknown) => logger.error("token expiry notifier failed", err))
      .finally(() => schedule(seconds * 1000));
  schedule(Math.min(FIRST_RUN_MS, seconds * 1000));
}
