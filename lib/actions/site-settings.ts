"use server";

import { revalidatePath } from "next/cache";
import { formAction } from "@/lib/actions/safe-action";
import { actorOf } from "@/lib/auth/actor";
import { updateSiteSetting } from "@/lib/services/site-setting/update";
import { siteSettingsSchema } from "@/lib/validations/site-settings";

export const updateSiteSettingsAction = formAction({
  schema: siteSettingsSchema,
  handler: async (input, { user, ip }) => {
    await updateSiteSetting(actorOf(user, ip), "webhooks.allow_private_targets", input.allowPrivateWebhookTargets);
    revalidatePath("/admin/settings");
    return { ok: true, message: "Site settings saved." };
  },
});
