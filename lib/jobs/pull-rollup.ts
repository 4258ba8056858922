import "server-only";
import { PULL_ROLLUP_BATCH, rollUpPulls } from "@/lib/services/registry-event/roll-up-pulls";
import { coalescedRollUp } from "./coalesced-roll-up";
import { repeatInBackground } from "./repeat";

const GATHER_MS = 25;

/**
 * Runs the roll-up now in the background, or once more after the current run when one is going:
 * under load, pulls queued during a run are all counted by the next one, so batches grow with
 * the load instead of costing a counter update per pull. A moment's wait before every run, not
 * only the first, gathers the pulls of a steady stream (the door queues them a few at a time)
 * into one batch: without it, roll-ups ran back to back under load, up to one transaction per one
 * or two pulls, each competing with the door's own commits, which every manifest GET's answer
 * waits for (bench/notes/front-door.md). When another process holds the roll-up it may finish
 * before our newest rows were queued, so this one tries again shortly.
 */
export const schedulePullRollup = coalescedRollUp({
  name: "pull roll-up",
  run: () => rollUpPulls(),
  batch: PULL_ROLLUP_BATCH,
  gatherMs: GATHER_MS,
  retryBusyMs: 250,
});

/**
 * Also every `seconds`: pulls queued by a process that stopped before counting them, or left when
 * a roll-up failed (database restarted), are counted without waiting for the next envelope.
 */
export function startPullRollup(seconds: number): void {
  repeatInBackground("pull roll-up", async () => schedulePullRollup(), seconds * 1000, 0);
}
