import "server-only";
import { getDb } from "@/db";
import { registryGcRuns } from "@/db/schema";

/**
 * Queues the schedule's run for `slot`, once across every console (the slot is unique) and only
 * when no other run is queued or running (then the slot is skipped, not stacked). True if queued.
 */
export async function queueScheduledGc(slot: Date): Promise<boolean> {
  const rows = await getDb()
    .insert(registryGcRuns)
    .values({ trigger: "schedule", scheduledFor: slot })
    .onConflictDoNothing()
    .returning({ id: registryGcRuns.id });
  return rows.length > 0;
}
