import "server-only";
import { hasIndexedAnything } from "@/lib/data/registry-index";
import { logger } from "@/lib/logger";
import { getRegistryClient } from "@/lib/registry";
import { indexManifests, indexMissingManifests, type ManifestRef } from "@/lib/services/image-manifest/index-manifests";
import { reconcileIndex } from "@/lib/services/index-reconciliation/reconcile";
import { scheduleStorageRollup } from "./storage-rollup";

/**
 * Keeps the index in step with the registry from inside the console process:
 * - at start-up, an empty index is rebuilt from the registry (a fresh database, an old registry);
 * - the registry is pinged every `watchSeconds`; when it answers again after being unreachable,
 *   the whole index is reconciled, because the registry keeps undelivered events in memory only
 *   and a restart loses them;
 * - digests whose description failed (registry down mid-push) are retried on each tick.
 */
type State = { registryDown: boolean };
// On globalThis: Next may load this module more than once (instrumentation, route bundles).
const state = globalThis as unknown as { __indexMaintenance?: State };

export function startIndexMaintenance(watchSeconds: number): void {
  if (state.__indexMaintenance) return;
  const s: State = { registryDown: false };
  state.__indexMaintenance = s;
  const tick = async () => {
    const up = await getRegistryClient()
      .ping()
      .then(() => true)
      .catch(() => false);
    if (!up) {
      if (!s.registryDown) logger.warn("registry unreachable: the index will be reconciled when it is back");
      s.registryDown = true;
      return;
    }
    if (s.registryDown) {
      s.registryDown = false;
      await reconcileIndex({ scope: "*", reason: "registry-recovered" });
    }
    if ((await indexMissingManifests()).indexed > 0) scheduleStorageRollup();
  };
  const loop = () => {
    const t = setTimeout(() => {
      tick()
        .catch((err: unknown) => logger.error("index maintenance failed", err))
        .finally(loop);
    }, watchSeconds * 1000);
    t.unref();
  };
  void (async () => {
    try {
      if (!(await hasIndexedAnything())) await reconcileIndex({ scope: "*", reason: "startup" });
    } catch (err) {
      // An unreachable registry at start-up: the watcher reconciles once it answers.
      s.registryDown = true;
      logger.warn("start-up index rebuild skipped", { error: err instanceof Error ? err.message : String(err) });
    }
    loop();
  })();
}

/**
 * Describes freshly pushed digests right after the event endpoint answered (not awaited by the event endpoint),
 * so the tag list shows sizes and platforms within moments of a push.
 */
export async function indexPushedManifests(refs: ManifestRef[]): Promise<void> {
  if (refs.length === 0) return;
  try {
    await indexManifests(refs);
    scheduleStorageRollup();
  } catch (err) {
    logger.warn("indexing pushed manifests failed; the next sweep retries", {
      error: err instanceof Error ? err.message : String(err),
    });
  }
}
