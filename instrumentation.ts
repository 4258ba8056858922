/** Called once when the Next.js server starts: background work that keeps the registry and the console in step. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || !process.env.DATABASE_URL) return;
  const [
    { getEnv },
    { startDeletionResumer },
    { startIndexMaintenance },
    { startJobWorker },
    { jobQueues },
    { startTokenExpiryNotifier },
    { startPullRollup },
    { startStorageRollup },
    { startStorageSnapshots },
    { startRetentionScheduler },
    { markInterruptedBuilds },
  ] = await Promise.all([
    import("@/lib/env"),
    import("@/lib/jobs/resume-deletions"),
    import("@/lib/jobs/index-maintenance"),
    import("@/lib/jobs/worker"),
    import("@/lib/jobs/queues"),
    import("@/lib/jobs/token-expiry"),
    import("@/lib/jobs/pull-rollup"),
    import("@/lib/jobs/storage-rollup"),
    import("@/lib/jobs/storage-snapshots"),
    import("@/lib/jobs/retention-schedule"),
    import("@/lib/services/build/mark-interrupted"),
  ]);
  const env = getEnv();
  startDeletionResumer(env.DELETION_RETRY_SECONDS);
  startIndexMaintenance(env.INDEX_WATCH_SECONDS);
  // Builds a crashed console process of this machine was running end as "interrupted" first.
  await markInterruptedBuilds().catch((err: unknown) => console.error("could not mark interrupted builds", err));
  // Webhook deliveries, notification emails, retention runs and builds (the durable job queue in PostgreSQL).
  startJobWorker(jobQueues(), env.JOB_POLL_MS);
  startTokenExpiryNotifier(3600);
  startPullRollup(5);
  // Storage figures (tag deletions, pushes of known images, other processes' writes).
  startStorageRollup(1000);
  // Storage over time (Admin → Storage): one snapshot per UTC day.
  startStorageSnapshots(3_600_000);
  // Scheduled tag retention runs (claimed per slot, so several consoles start each once).
  startRetentionScheduler(30);
}
