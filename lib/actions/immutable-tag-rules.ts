"use server";

import { revalidatePath } from "next/cache";
import { formAction } from "@/lib/actions/safe-action";
import { actorOf } from "@/lib/auth/actor";
import { createImmutableTagRule } from "@/lib/services/immutable-tag-rule/create";
import { deleteImmutableTagRule } from "@/lib/services/immutable-tag-rule/delete";
import { immutableTagRuleDeleteSchema, immutableTagRuleInputSchema } from "@/lib/validations/immutable-tag-rule";

/** Where a namespace's rules are shown: an organization's settings, or the user's General settings. */
function revalidateRulePages(namespace: string): void {
  revalidatePath(`/orgs/${namespace}/settings`);
  revalidatePath("/settings/general");
  // Tag lists show the lock badge.
  revalidatePath(`/r/${namespace}`, "layout");
}

export const addImmutableTagRuleAction = formAction({
  schema: immutableTagRuleInputSchema,
  handler: async (input, { user, ip }) => {
    await createImmutableTagRule(actorOf(user, ip), input);
    revalidateRulePages(input.namespace);
    return {
      ok: true,
      message: `Tags matching "${input.tagPattern}" in repositories matching "${input.repositoryPattern}" are now immutable.`,
    };
  },
});

export const deleteImmutableTagRuleAction = formAction({
  schema: immutableTagRuleDeleteSchema,
  handler: async (input, { user, ip }) => {
    await deleteImmutableTagRule(actorOf(user, ip), input);
    revalidateRulePages(input.namespace);
    return { ok: true, message: "Rule deleted." };
  },
});
