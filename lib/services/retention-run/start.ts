import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { transaction, type Transaction } from "@/db";
import { namespaces, retentionPolicies, retentionRuns } from "@/db/schema";
import { retentionManagerFor } from "@/lib/authz/retention";
import type { Actor } from "@/lib/authz/rules/repository-permissions";
import { ConflictError, ForbiddenError, ValidationError } from "@/lib/errors";
import type { RetentionRule } from "@/lib/retention/rules";
import { auditActor, recordAudit } from "@/lib/services/audit-event/record";
import { enqueueJobs } from "@/lib/services/job/enqueue";

/** The job queue that carries runs out (lib/jobs/queues.ts); one attempt: a failed run is recorded, not retried. */
export const RETENTION_RUN_QUEUE = "retention-run" as const;

/**
 * Queues a run of a namespace's policy in the caller's transaction, with its job (the outbox: the
 * run and its job commit together). One run at a time per namespace: a queued or running one
 * refuses another (and the partial unique index retention_runs_one_active_idx backs that up
 * against any other writer). Returns null when another run is active and `quiet` (the scheduler).
 */
export async function queueRetentionRun(
  tx: Transaction,
  input: {
    namespaceId: string;
    rules: RetentionRule[];
    dryRun: boolean;
    trigger: "manual" | "schedule";
    triggeredById: string | null;
    scheduledFor?: Date;
  },
): Promise<string | null> {
  const [active] = await tx
    .select({ id: retentionRuns.id })
    .from(retentionRuns)
    .where(and(eq(retentionRuns.namespaceId, input.namespaceId), inArray(retentionRuns.status, ["queued", "running"])));
  if (active) return null;
  const [run] = await tx
    .insert(retentionRuns)
    .values({
      namespaceId: input.namespaceId,
      dryRun: input.dryRun,
      trigger: input.trigger,
      triggeredById: input.triggeredById,
      scheduledFor: input.scheduledFor ?? null,
      rules: input.rules,
    })
    .onConflictDoNothing()
    .returning({ id: retentionRuns.id });
  if (!run) return null;
  await enqueueJobs(tx, [{ queue: RETENTION_RUN_QUEUE, payload: { runId: run.id }, maxAttempts: 1 }]);
  return run.id;
}

/** "Dry run" / "Run now" (the page and the API): its owners and site operators. */
export async function startRetentionRun(
  actor: Actor,
  namespace: string,
  opts: { dryRun: boolean },
): Promise<{ id: string }> {
  if (actor.kind !== "user") throw new ForbiddenError("Sign in to manage tag retention.");
  const ns = await retentionManagerFor({ id: actor.userId, isAdmin: actor.isAdmin }, namespace);
  return transaction(async (tx) => {
    await tx.select({ id: namespaces.id }).from(namespaces).where(eq(namespaces.id, ns.id)).for("update");
    const [policy] = await tx
      .select({ rules: retentionPolicies.rules })
      .from(retentionPolicies)
      .where(eq(retentionPolicies.namespaceId, ns.id));
    if (!policy || policy.rules.length === 0)
      throw new ValidationError("Add a rule first: a policy without rules would keep nothing and delete nothing.");
    const id = await queueRetentionRun(tx, {
      namespaceId: ns.id,
      rules: policy.rules,
      dryRun: opts.dryRun,
      trigger: "manual",
      triggeredById: actor.userId,
    });
    if (!id)
      throw new ConflictError("A retention run of this namespace is already queued or running. Wait for it to finish.");
    await recordAudit(
      {
        ...auditActor(actor),
        namespaceId: ns.id,
        action: "retention_run_started",
        target: ns.name,
        metadata: { runId: id, dryRun: opts.dryRun },
      },
      tx,
    );
    return { id };
  });
}
