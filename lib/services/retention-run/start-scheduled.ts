import "server-only";
import { eq, sql } from "drizzle-orm";
import { transaction } from "@/db";
import { retentionPolicies } from "@/db/schema";
import { scheduleOf } from "@/lib/data/retention";
import { nextScheduledRun } from "@/lib/retention/schedule";
import { recordAudit } from "@/lib/services/audit-event/record";
import { queueRetentionRun } from "./start";

/**
 * Starts the scheduled runs that are due (the scheduler loop, lib/jobs/retention-schedule.ts).
 * Due policies are claimed with FOR UPDATE SKIP LOCKED and their next slot moved forward in the
 * same transaction, so two console processes never start the same slot (and the run's unique
 * (namespace, scheduled_for) index says so again). A slot that finds a run of the namespace still
 * queued or running is skipped: one run at a time per namespace. Scheduled runs delete for real.
 */
export async function startDueRetentionRuns(now = new Date()): Promise<number> {
  return transaction(async (tx) => {
    const due = await tx
      .select()
      .from(retentionPolicies)
      .where(sql`${retentionPolicies.nextRunAt} <= ${now.toISOString()}::timestamptz`)
      .orderBy(retentionPolicies.nextRunAt)
      .limit(20)
      .for("update", { skipLocked: true });
    let started = 0;
    for (const p of due) {
      const schedule = scheduleOf(p.scheduleKind, p.scheduleCron);
      const slot = p.nextRunAt!;
      if (p.rules.length > 0) {
        const id = await queueRetentionRun(tx, {
          namespaceId: p.namespaceId,
          rules: p.rules,
          dryRun: false,
          trigger: "schedule",
          triggeredById: null,
          scheduledFor: slot,
        });
        if (id) {
          started++;
          await recordAudit(
            {
              actorId: null,
              namespaceId: p.namespaceId,
              action: "retention_run_started",
              target: null,
              metadata: { runId: id, dryRun: false, scheduledFor: slot.toISOString() },
            },
            tx,
          );
        }
      }
      // The next slot after now: slots missed while no console ran are not caught up one by one.
      await tx
        .update(retentionPolicies)
        .set({ nextRunAt: nextScheduledRun(schedule, now > slot ? now : slot) })
        .where(eq(retentionPolicies.namespaceId, p.namespaceId));
    }
    return started;
  });
}
