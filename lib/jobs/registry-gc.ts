import "server-only";
import os from "node:os";
import { getSiteSetting } from "@/lib/data/site-settings";
import { getSiteStorage } from "@/lib/data/storage";
import { logger } from "@/lib/logger";
import type { CollectResult, MaintenanceOp } from "@/lib/runtime/registry-maintenance-protocol";
import { setRegistryUpstream } from "@/lib/runtime/registry-upstream";
import { reconcileIndex } from "@/lib/services/index-reconciliation/reconcile";
import { claimGcRun, type GcOwner } from "@/lib/services/registry-gc/claim";
import { finishGcRun, type GcOutcome } from "@/lib/services/registry-gc/finish";
import { GC_HEARTBEAT_MS, gcHeartbeat } from "@/lib/services/registry-gc/heartbeat";
import { interruptAbandonedGcRuns } from "@/lib/services/registry-gc/interrupt-abandoned";
import { queueScheduledGc } from "@/lib/services/registry-gc/queue-scheduled";
import { setGcWindow } from "@/lib/services/registry-gc/set-window";
import { forgetCollectedBlobs } from "@/lib/services/storage/forget-collected";
import { dueGcSlot } from "@/lib/validations/garbage-collection";
import { repeatInBackground } from "./repeat";
import { scheduleStorageRollup } from "./storage-rollup";

type Ask = (op: MaintenanceOp) => Promise<{ url?: string; collected?: CollectResult }>;

export type RegistryGcDeps = {
  /** The read-write registry's address (REGISTRY_URL): where the door goes back to. */
  registryUrl: string;
  /** The door's blue/green switch: resolves once the previous registry has no request left. */
  switchUpstream: (url: string) => Promise<void>;
  /** The start command, which owns the registry process (lib/runtime/registry-maintenance-client.ts). */
  ask: Ask;
  pollMs?: number;
};

const self: GcOwner = { hostname: os.hostname(), pid: process.pid };

/**
 * Garbage collection of the registry this console runs, driven from its web server.
 *
 * Why here: the web server owns the front door, whose upstream must switch between the two
 * registries at exactly the right moments, and the database connection (the embedded database
 * takes one process's connection at a time, so the start command, which owns the registry
 * process, does no database work and only performs the registry steps it is asked for over IPC).
 * The trigger reaches it through the database: operators and the schedule queue a run, and every
 * such web server polls and claims one with FOR UPDATE SKIP LOCKED (one GC at a time, even with
 * two consoles on one database).
 *
 * The steps: the window opens (the door of every console answers pushes 503 with Retry-After), a
 * read-only registry starts on a second loopback port, the door switches to it and waits for the
 * requests still on the read-write one, which then stops; `garbage-collect` runs; the read-write
 * registry starts again, the door switches back, the read-only one stops, the window closes; the
 * index is reconciled, since the stopped registry's undelivered events died with it.
 */
export function startRegistryGc(deps: RegistryGcDeps): void {
  let current: string | null = null;
  repeatInBackground(
    "registry garbage collection",
    async () => {
      await interruptAbandonedGcRuns(self, current);
      const slot = dueGcSlot(await getSiteSetting("registry.gc_schedule"), new Date());
      if (slot && (await queueScheduledGc(slot))) logger.info("scheduled garbage collection queued");
      const run = await claimGcRun(self);
      if (!run) return;
      current = run.id;
      try {
        await collect(run.id, deps);
      } finally {
        current = null;
      }
    },
    deps.pollMs ?? 1000,
    0,
  );
}

async function collect(runId: string, deps: RegistryGcDeps): Promise<void> {
  const started = Date.now();
  let log = "";
  const note = (msg: string) => {
    log += `[+${((Date.now() - started) / 1000).toFixed(1)}s] ${msg}\n`;
  };
  const beat = setInterval(() => void gcHeartbeat(runId, log).catch(() => undefined), GC_HEARTBEAT_MS);
  const outcome: GcOutcome = { status: "failed", log: "" };
  try {
    outcome.predictedBytes = await settledReclaimableBytes();
    await setGcWindow(runId, true);
    note("read-only window opened: pushes get 503, pulls go on");
    const standby = await deps.ask("start-standby");
    setRegistryUpstream(standby.url!);
    await deps.switchUpstream(standby.url!);
    note(`pulls served by the read-only registry on ${standby.url}`);
    const { collected } = await deps.ask("collect");
    log += collected!.log;
    note(`garbage-collect exited with ${collected!.exitCode}`);
    Object.assign(outcome, {
      bytesBefore: collected!.bytesBefore,
      bytesAfter: collected!.bytesAfter,
      blobsBefore: collected!.blobsBefore,
      blobsRemoved: collected!.blobsRemoved,
    });
    const primary = await deps.ask("restart-primary");
    setRegistryUpstream(null);
    await deps.switchUpstream(primary.url ?? deps.registryUrl);
    await deps.ask("stop-standby");
    note("read-write registry back; read-only one stopped");
    await setGcWindow(runId, false);
    note("window closed: pushes taken again");
    if (collected!.exitCode !== 0)
      throw new Error(`garbage-collect failed (exit code ${collected!.exitCode}); see the log`);
    // What the sweep deleted is no longer "reclaimable" in the index's figures.
    const forgotten = await forgetCollectedBlobs(collected!.removedDigests);
    note(`index: ${forgotten} bytes of collected blobs no longer counted as reclaimable`);
    outcome.status = "succeeded";
  } catch (err) {
    outcome.error = err instanceof Error ? err.message : String(err);
    note(`failed: ${outcome.error}`);
    // Whatever step failed: the read-write registry running and the door on it first, then no
    // standby (stopping it before the door left it would fail the pulls on it).
    try {
      const primary = await deps.ask("restart-primary");
      setRegistryUpstream(null);
      await deps.switchUpstream(primary.url ?? deps.registryUrl);
      await deps.ask("abort");
    } catch (abortErr) {
      note(`could not restore the registry: ${abortErr instanceof Error ? abortErr.message : String(abortErr)}`);
      setRegistryUpstream(null);
      await deps.switchUpstream(deps.registryUrl);
    }
  } finally {
    clearInterval(beat);
  }
  outcome.log = log;
  await finishGcRun(runId, outcome);
  logger.info(`garbage collection ${outcome.status}`, {
    runId,
    freed: (outcome.bytesBefore ?? 0) - (outcome.bytesAfter ?? 0),
  });
  // The registry restarted twice: events it had not delivered are gone, so the index re-reads it.
  const reconciled = await reconcileIndex({ scope: "*", reason: "garbage-collection" });
  if (reconciled.status === "failed") logger.warn("reconciling after garbage collection failed", { runId });
  scheduleStorageRollup();
}

/**
 * What the index calls reclaimable, once the storage roll-up has counted the latest changes (a tag
 * deleted a moment ago); null when it has not within 15 s, rather than a figure that is not final.
 */
async function settledReclaimableBytes(): Promise<number | null> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const site = await getSiteStorage();
    if (!site.calculating) return site.reclaimableBytes;
    if (Date.now() > deadline) return null;
    scheduleStorageRollup();
    await new Promise((r) => setTimeout(r, 200));
  }
}
