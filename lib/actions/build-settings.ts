"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { formAction } from "@/lib/actions/safe-action";
import { actorOf } from "@/lib/auth/actor";
import { createBuildRule } from "@/lib/services/build-settings/create-rule";
import { deleteBuildRule } from "@/lib/services/build-settings/delete-rule";
import { generateBuildDeployKey } from "@/lib/services/build-settings/generate-deploy-key";
import { rotateBuildWebhookSecret } from "@/lib/services/build-settings/rotate-webhook-secret";
import { saveBuildSource } from "@/lib/services/build-settings/save-source";
import { updateBuildRule } from "@/lib/services/build-settings/update-rule";
import {
  buildSourceFormSchema,
  createBuildRuleFormSchema,
  deleteBuildRuleSchema,
  generateDeployKeySchema,
  rotateWebhookSecretSchema,
  updateBuildRuleFormSchema,
} from "@/lib/validations/build-settings";

const base = (i: { namespace: string; name: string }) => `/r/${i.namespace}/${i.name}/builds`;

/** What the Builds tab shows once after a save: a new deploy key's public half, a new webhook secret. */
export type BuildSourceSaved = { publicKey: string | null; webhookSecret: string | null };

export const saveBuildSourceAction = formAction({
  schema: buildSourceFormSchema,
  handler: async (input, { user, ip }) => {
    const saved = await saveBuildSource(actorOf(user, ip), input, input);
    revalidatePath(base(input));
    return {
      ok: true,
      message: saved.publicKey
        ? "Source saved. Add the deploy key below to your Git host, read-only."
        : "Source saved.",
      data: saved satisfies BuildSourceSaved,
    };
  },
});

export const generateDeployKeyAction = formAction({
  schema: generateDeployKeySchema,
  handler: async (input, { user, ip }) => {
    const { publicKey } = await generateBuildDeployKey(actorOf(user, ip), input);
    revalidatePath(base(input));
    return {
      ok: true,
      message: "New deploy key generated. Replace the old one on your Git host: it no longer works here.",
      data: { publicKey, webhookSecret: null } satisfies BuildSourceSaved,
    };
  },
});

export const rotateWebhookSecretAction = formAction({
  schema: rotateWebhookSecretSchema,
  handler: async (input, { user, ip }) => {
    const { webhookSecret } = await rotateBuildWebhookSecret(actorOf(user, ip), input);
    revalidatePath(base(input));
    return {
      ok: true,
      message: "New webhook secret generated. Give it to your Git host's webhook: the old one no longer works.",
      data: { publicKey: null, webhookSecret } satisfies BuildSourceSaved,
    };
  },
});

export const createBuildRuleAction = formAction({
  schema: createBuildRuleFormSchema,
  handler: async (input, { user, ip }) => {
    await createBuildRule(actorOf(user, ip), input, input.rule);
    revalidatePath(base(input));
    redirect(`${base(input)}?added=1`);
  },
});

export const updateBuildRuleAction = formAction({
  schema: updateBuildRuleFormSchema,
  handler: async (input, { user, ip }) => {
    await updateBuildRule(actorOf(user, ip), input, input.ruleId, input.rule);
    revalidatePath(base(input), "layout");
    redirect(base(input));
  },
});

export const deleteBuildRuleAction = formAction({
  schema: deleteBuildRuleSchema,
  handler: async (input, { user, ip }) => {
    await deleteBuildRule(actorOf(user, ip), input, input.ruleId);
    revalidatePath(base(input), "layout");
    return { ok: true, message: "Build rule deleted." };
  },
});
