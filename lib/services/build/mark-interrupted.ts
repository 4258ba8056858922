import "server-only";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { and, eq, inArray } from "drizzle-orm";
import { getDb } from "@/db";
import { builds } from "@/db/schema";
import { RUNNING_BUILD_STATUSES } from "@/db/schema/build-records";
import { killProcessesMentioning } from "@/lib/builds/engine";
import { publishBuildNews } from "@/lib/builds/log-feed";
import { listRunningBuilds } from "@/lib/data/builds";
import { getEnv } from "@/lib/env";
import { buildWorkName, INTERRUPTED, workerHostPid } from "./execute";

/**
 * At start-up: builds this machine was running in a console process that is gone (it crashed or
 * was killed) are marked failed, "interrupted", what they left running (buildah, the RUN step) is
 * killed, and their working directories (the checkout, the build's buildah home) removed. Builds of another machine are left to their job's lease: when
 * it runs out the job runs again and marks them (executeBuild). Returns how many were marked.
 */
export async function markInterruptedBuilds(): Promise<number> {
  const host = os.hostname();
  let marked = 0;
  for (const b of await listRunningBuilds()) {
    const worker = workerHostPid(b.workerId);
    if (!worker || worker.host !== host || worker.pid === process.pid || alive(worker.pid)) continue;
    const [row] = await getDb()
      .update(builds)
      .set({ status: "failed", error: INTERRUPTED, finishedAt: new Date(), pushSecretHash: null })
      .where(and(eq(builds.id, b.id), inArray(builds.status, RUNNING_BUILD_STATUSES)))
      .returning({ id: builds.id });
    if (!row) continue;
    marked++;
    publishBuildNews(b.id, { kind: "ended" });
    const workDir = path.join(getEnv().BUILD_DIR, "work", buildWorkName(b.id));
    // Its processes first (buildah and the RUN step outlive a killed console), then its files.
    killProcessesMentioning(workDir);
    await fs.rm(workDir, { recursive: true, force: true }).catch(() => undefined);
  }
  return marked;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: a process of another user holds the pid now, so it is alive (not ours, but not free).
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
