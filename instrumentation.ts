/** Called once when the Next.js server starts: background work that keeps the registry and the console in step. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || !process.env.DATABASE_URL) return;
  const [{ getEnv }, { startDeletionResumer }, { startIndexMaintenance }] = await Promise.all([import("@/lib/env"), import("@/lib/jobs/resume-deletions"), import("@/lib/jobs/index-maintenance")]);
  startDeletionResumer(getEnv().DELETION_RETRY_SECONDS);
  startIndexMaintenance(getEnv().INDEX_WATCH_SECONDS);
}
