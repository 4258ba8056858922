import "server-only";
import { eq, inArray, sql } from "drizzle-orm";
import { transaction } from "@/db";
import { registryGcRuns } from "@/db/schema";
import { accessChanged } from "@/lib/data/access-cache";
import { GC_STALE_SECONDS } from "./heartbeat";
import type { GcOwner } from "./claim";

/**
 * Runs left "running" by a process that died (the console killed mid-run): marked interrupted and
 * their read-only window closed, so pushes are taken again. Dead means: on this host, its process
 * is gone, or it claims our pid but is not the run we are driving (pids are reused in containers);
 * anywhere, no heartbeat for GC_STALE_SECONDS. Its console's next start has put the registry back
 * to read-write already (config.yml is never read-only). Returns how many were interrupted.
 */
export async function interruptAbandonedGcRuns(self: GcOwner, ownRunId: string | null): Promise<number> {
  return transaction(async (tx) => {
    const running = await tx
      .select({
        id: registryGcRuns.id,
        hostname: registryGcRuns.ownerHostname,
        pid: registryGcRuns.ownerPid,
        silent: sql<boolean>`coalesce(${registryGcRuns.heartbeatAt} < now() - make_interval(secs => ${GC_STALE_SECONDS}), true)`,
      })
      .from(registryGcRuns)
      .where(eq(registryGcRuns.status, "running"))
      .for("update", { skipLocked: true });
    const dead = running.filter(
      (r) =>
        r.id !== ownRunId &&
        (r.silent || (r.hostname === self.hostname && (r.pid === self.pid || !processExists(r.pid ?? 0)))),
    );
    if (dead.length === 0) return 0;
    await tx
      .update(registryGcRuns)
      .set({
        status: "interrupted",
        finishedAt: sql`now()`,
        readOnlyUntil: sql`coalesce(${registryGcRuns.readOnlyUntil}, case when ${registryGcRuns.readOnlySince} is not null then now() end)`,
        error:
          "The console stopped during this run. Its registry started read-write again; blobs the sweep had not reached are still on disk. Run it again.",
      })
      .where(
        inArray(
          registryGcRuns.id,
          dead.map((r) => r.id),
        ),
      );
    accessChanged(tx);
    return dead.length;
  });
}

/** Signal 0 checks without signalling: ESRCH means no such process. */
function processExists(pid: number): boolean {
  if (pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== "ESRCH";
  }
}
