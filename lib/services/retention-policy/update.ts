import "server-only";
import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { transaction } from "@/db";
import { namespaces, retentionPolicies } from "@/db/schema";
import { retentionManagerFor } from "@/lib/authz/retention";
import type { Actor } from "@/lib/authz/rules/repository-permissions";
import { scheduleOf } from "@/lib/data/retention";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { MAX_RETENTION_RULES, type RetentionRule } from "@/lib/retention/rules";
import { nextScheduledRun, type RetentionSchedule } from "@/lib/retention/schedule";
import { auditActor, recordAudit } from "@/lib/services/audit-event/record";
import type { RetentionRuleInput } from "@/lib/validations/retention";

/** What to change: the whole policy (the API), or one part of it (the settings page's forms). */
export type RetentionPolicyChange =
  | { kind: "replace"; rules: RetentionRuleInput[]; schedule: RetentionSchedule }
  | { kind: "add-rule"; rule: RetentionRuleInput }
  | { kind: "edit-rule"; ruleId: string; rule: RetentionRuleInput }
  | { kind: "delete-rule"; ruleId: string }
  | { kind: "schedule"; schedule: RetentionSchedule };

/**
 * Changes a namespace's tag retention policy (its owners and site operators), in one transaction
 * that locks the policy row: the 15-rule limit holds against concurrent adds, and a refused change
 * (a 16th rule, an unknown rule) saves nothing. Input was validated by lib/validations/retention.ts
 * (patterns compile, N ≥ 1, the cron parses). The schedule's next slot is computed here, so the
 * scheduler (lib/jobs/retention-schedule.ts) finds it.
 */
export async function updateRetentionPolicy(
  actor: Actor,
  namespace: string,
  change: RetentionPolicyChange,
): Promise<{ rules: RetentionRule[]; schedule: RetentionSchedule }> {
  if (actor.kind !== "user") throw new ForbiddenError("Sign in to manage tag retention.");
  const ns = await retentionManagerFor({ id: actor.userId, isAdmin: actor.isAdmin }, namespace);
  return transaction(async (tx) => {
    // Locks the namespace, whether or not its policy row exists yet.
    await tx.select({ id: namespaces.id }).from(namespaces).where(eq(namespaces.id, ns.id)).for("update");
    const [current] = await tx.select().from(retentionPolicies).where(eq(retentionPolicies.namespaceId, ns.id));
    let rules = current?.rules ?? [];
    let schedule = current ? scheduleOf(current.scheduleKind, current.scheduleCron) : ({ kind: "none" } as const);
    const withId = (r: RetentionRuleInput, id: string = crypto.randomUUID()): RetentionRule => ({ id, ...r });
    switch (change.kind) {
      case "replace":
        rules = change.rules.map((r) => withId(r));
        schedule = change.schedule;
        break;
      case "add-rule":
        rules = [...rules, withId(change.rule)];
        break;
      case "edit-rule":
        if (!rules.some((r) => r.id === change.ruleId)) throw new NotFoundError("No such rule");
        rules = rules.map((r) => (r.id === change.ruleId ? withId(change.rule, r.id) : r));
        break;
      case "delete-rule":
        if (!rules.some((r) => r.id === change.ruleId)) throw new NotFoundError("No such rule");
        rules = rules.filter((r) => r.id !== change.ruleId);
        break;
      case "schedule":
        schedule = change.schedule;
        break;
    }
    if (rules.length > MAX_RETENTION_RULES)
      throw new ValidationError("Please correct the highlighted fields.", {
        [change.kind === "replace" ? "rules" : "repositoryPattern"]: [
          `A namespace can have at most ${MAX_RETENTION_RULES} rules. Delete one first.`,
        ],
      });
    const values = {
      rules,
      scheduleKind: schedule.kind,
      scheduleCron: schedule.kind === "cron" ? schedule.cron : null,
      nextRunAt: nextScheduledRun(schedule, new Date()),
      updatedById: actor.userId,
      updatedAt: new Date(),
    };
    await tx
      .insert(retentionPolicies)
      .values({ namespaceId: ns.id, ...values })
      .onConflictDoUpdate({ target: retentionPolicies.namespaceId, set: values });
    await recordAudit(
      {
        ...auditActor(actor),
        namespaceId: ns.id,
        action: "retention_policy_updated",
        target: ns.name,
        metadata: { change: change.kind, rules: rules.length, schedule: values.scheduleCron ?? schedule.kind },
      },
      tx,
    );
    return { rules, schedule };
  });
}
