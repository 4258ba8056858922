import "server-only";
import { logger } from "@/lib/logger";
import { PULL_ROLLUP_BATCH, rollUpPulls } from "@/lib/services/registry-event/roll-up-pulls";
import { repeatInBackground } from "./repeat";

const GATHER_MS = 25;

type RollupState = { running: boolean; again: boolean };
// On globalThis: the event route and instrumentation may load this module as separate copies.
const holder = globalThis as unknown as { __pullRollup?: RollupState };

/**
 * Runs the roll-up now in the background, or once more after the current run when one is going:
 * under load, envelopes arriving during a run are all counted by the next one, so batches grow
 * with the load instead of costing a counter update per envelope.
 */
export function schedulePullRollup(): void {
  const s = (holder.__pullRollup ??= { running: false, again: false });
  if (s.running) {
    s.again = true;
    return;
  }
  s.running = true;
  void (async () => {
    try {
      let n: number | null = 0;
      do {
        // A moment's wait before every run, not only the first, gathers the pulls of a steady
        // stream (the door queues them a few at a time) into one batch: without it, roll-ups ran
        // back to back under load, up to one transaction per one or two pulls, each competing
        // with the door's own commits, which every manifest GET's answer waits for
        // (bench/notes/front-door.md).
        await new Promise((r) => setTimeout(r, GATHER_MS));
        s.again = false;
        do n = await rollUpPulls();
        while (n === PULL_ROLLUP_BATCH);
      } while (s.again && n !== null);
      // Another process is rolling up; it may finish before our newest rows were queued.
      if (n === null) setTimeout(schedulePullRollup, 250).unref();
    } catch (err) {
      // The pulls stay queued; the periodic run (and the next envelope) tries again.
      logger.error("pull roll-up failed", err);
    } finally {
      s.running = false;
    }
  })();
}

/**
 * Also every `seconds`: pulls queued by a process that stopped before counting them, or left when
 * a roll-up failed (database restarted), are counted without waiting for the next envelope.
 */
export function startPullRollup(seconds: number): void {
  repeatInBackground("pull roll-up", async () => schedulePullRollup(), seconds * 1000, 0);
}
