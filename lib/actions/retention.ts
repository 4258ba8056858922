"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { formAction } from "@/lib/actions/safe-action";
import { actorOf } from "@/lib/auth/actor";
import { updateRetentionPolicy } from "@/lib/services/retention-policy/update";
import { startRetentionRun } from "@/lib/services/retention-run/start";
import { describeSchedule } from "@/lib/retention/schedule";
import {
  retentionRuleDeleteSchema,
  retentionRuleFormSchema,
  retentionRunFormSchema,
  retentionScheduleFormSchema,
} from "@/lib/validations/retention";
import type { CurrentUser } from "@/lib/data/sessions";

/** A namespace's retention page: an organization's settings, or the user's own settings. */
function retentionPath(namespace: string, user: CurrentUser): string {
  return namespace === user.username ? "/settings/retention" : `/orgs/${namespace}/settings/retention`;
}

export const saveRetentionRuleAction = formAction({
  schema: retentionRuleFormSchema,
  handler: async (input, { user, ip }) => {
    await updateRetentionPolicy(
      actorOf(user, ip),
      input.namespace,
      input.ruleId
        ? { kind: "edit-rule", ruleId: input.ruleId, rule: input.rule }
        : { kind: "add-rule", rule: input.rule },
    );
    revalidatePath(retentionPath(input.namespace, user));
    return { ok: true, message: input.ruleId ? "Rule saved." : "Rule added." };
  },
});

export const deleteRetentionRuleAction = formAction({
  schema: retentionRuleDeleteSchema,
  handler: async (input, { user, ip }) => {
    await updateRetentionPolicy(actorOf(user, ip), input.namespace, { kind: "delete-rule", ruleId: input.ruleId });
    revalidatePath(retentionPath(input.namespace, user));
    return { ok: true, message: "Rule deleted." };
  },
});

export const setRetentionScheduleAction = formAction({
  schema: retentionScheduleFormSchema,
  handler: async (input, { user, ip }) => {
    await updateRetentionPolicy(actorOf(user, ip), input.namespace, { kind: "schedule", schedule: input.schedule });
    revalidatePath(retentionPath(input.namespace, user));
    return { ok: true, message: `Schedule saved: ${describeSchedule(input.schedule).toLowerCase()}.` };
  },
});

/** "Dry run" and "Run now": the run is queued, and the page of its record opens. */
export const startRetentionRunAction = formAction({
  schema: retentionRunFormSchema,
  handler: async (input, { user, ip }) => {
    const { id } = await startRetentionRun(actorOf(user, ip), input.namespace, { dryRun: input.dryRun });
    const base = retentionPath(input.namespace, user);
    revalidatePath(base);
    redirect(`${base}/runs/${id}`);
  },
});
