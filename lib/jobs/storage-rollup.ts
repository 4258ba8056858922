import "server-only";
import { logger } from "@/lib/logger";
import { STORAGE_ROLLUP_BATCH, rollUpStorage } from "@/lib/services/storage/roll-up";
import { repeatInBackground } from "./repeat";

type RollupState = { running: boolean; again: boolean };
// On globalThis: the event route and instrumentation may load this module as separate copies.
const holder = globalThis as unknown as { __storageRollup?: RollupState };

/**
 * Applies queued storage changes now, in the background (or once more after the current run):
 * called when this process has just described manifests, so the figures follow a push within
 * moments. Changes queued elsewhere (tag deletions, other processes) wait for the periodic run.
 */
export function scheduleStorageRollup(): void {
  const s = (holder.__storageRollup ??= { running: false, again: false });
  if (s.running) {
    s.again = true;
    return;
  }
  s.running = true;
  void (async () => {
    try {
      let n: number | null = 0;
      do {
        s.again = false;
        do n = await rollUpStorage();
        while (n === STORAGE_ROLLUP_BATCH);
      } while (s.again && n !== null);
    } catch (err) {
      // The changes stay queued; the periodic run tries again.
      logger.error("storage roll-up failed", err);
    } finally {
      s.running = false;
    }
  })();
}

/** Every `ms`: a roll-up that costs one empty delete when nothing is queued. */
export function startStorageRollup(ms: number): void {
  repeatInBackground("storage roll-up", async () => scheduleStorageRollup(), ms, 0);
}
