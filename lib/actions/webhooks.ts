"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { formAction } from "@/lib/actions/safe-action";
import { actorOf } from "@/lib/auth/actor";
import { revealWebhookSecret } from "@/lib/services/webhook/reveal-secret";
import { createWebhook } from "@/lib/services/webhook/create";
import { deleteWebhook } from "@/lib/services/webhook/delete";
import { redeliver } from "@/lib/services/webhook/redeliver";
import { rotateWebhookSecret } from "@/lib/services/webhook/rotate-secret";
import { sendTestDelivery } from "@/lib/services/webhook/send-test";
import { setWebhookActive } from "@/lib/services/webhook/set-active";
import { updateWebhook } from "@/lib/services/webhook/update";
import {
  createWebhookSchema,
  deleteWebhookSchema,
  redeliverSchema,
  setWebhookActiveSchema,
  updateWebhookSchema,
  webhookRefSchema,
} from "@/lib/validations/webhook";

const base = (i: { namespace: string; name: string }) => `/r/${i.namespace}/${i.name}/webhooks`;

export const createWebhookAction = formAction({
  schema: createWebhookSchema,
  handler: async (input, { user, ip }) => {
    const { id, unresolvedHost } = await createWebhook(actorOf(user, ip), input, input);
    revalidatePath(base(input));
    // The page shows these notices once and then drops the parameters from the address.
    redirect(`${base(input)}/${id}?created=1${unresolvedHost ? "&unresolved=1" : ""}`);
  },
});

export const updateWebhookAction = formAction({
  schema: updateWebhookSchema,
  handler: async (input, { user, ip }) => {
    const { unresolvedHost } = await updateWebhook(actorOf(user, ip), input, input.webhookId, input);
    revalidatePath(base(input), "layout");
    redirect(`${base(input)}/${input.webhookId}${unresolvedHost ? "?unresolved=1" : ""}`);
  },
});

export const deleteWebhookAction = formAction({
  schema: deleteWebhookSchema,
  handler: async (input, { user, ip }) => {
    await deleteWebhook(actorOf(user, ip), input, input.webhookId);
    revalidatePath(base(input), "layout");
    redirect(base(input));
  },
});

export const setWebhookActiveAction = formAction({
  schema: setWebhookActiveSchema,
  handler: async (input, { user, ip }) => {
    await setWebhookActive(actorOf(user, ip), input, input.webhookId, input.active === "true");
    revalidatePath(base(input), "layout");
    return {
      ok: true,
      message:
        input.active === "true" ? "Webhook resumed." : "Webhook paused: new events are not sent until you resume it.",
    };
  },
});

export const sendTestDeliveryAction = formAction({
  schema: webhookRefSchema,
  handler: async (input, { user, ip }) => {
    await sendTestDelivery(actorOf(user, ip), input, input.webhookId);
    revalidatePath(`${base(input)}/${input.webhookId}`);
    return { ok: true, message: "Test delivery queued. Reload in a moment to see the receiver's answer below." };
  },
});

export const redeliverAction = formAction({
  schema: redeliverSchema,
  handler: async (input, { user, ip }) => {
    await redeliver(actorOf(user, ip), input, input.webhookId, input.deliveryId);
    revalidatePath(`${base(input)}/${input.webhookId}`);
    return { ok: true, message: "Redelivery queued." };
  },
});

export const revealWebhookSecretAction = formAction({
  schema: webhookRefSchema,
  handler: async (input, { user, ip }) => ({
    ok: true,
    data: { secret: await revealWebhookSecret(actorOf(user, ip), input, input.webhookId) },
  }),
});

export const rotateWebhookSecretAction = formAction({
  schema: webhookRefSchema,
  handler: async (input, { user, ip }) => {
    const { secret } = await rotateWebhookSecret(actorOf(user, ip), input, input.webhookId);
    return {
      ok: true,
      message: "New secret generated: deliveries are signed with it from now on. Update your receiver.",
      data: { secret },
    };
  },
});
