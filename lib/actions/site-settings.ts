"use server";

import { revalidatePath } from "next/cache";
import { formAction } from "@/lib/actions/safe-action";
import { actorOf } from "@/lib/auth/actor";
import { updateSiteSetting } from "@/lib/services/site-setting/update";
import { formatDuration } from "@/lib/format";
import { pullRateLimitSchema, siteSettingsSchema } from "@/lib/validations/site-settings";

export const updateSiteSettingsAction = formAction({
  schema: siteSettingsSchema,
  handler: async (input, { user, ip }) => {
    await updateSiteSetting(actorOf(user, ip), "webhooks.allow_private_targets", input.allowPrivateWebhookTargets);
    revalidatePath("/admin/settings");
    return { ok: true, message: "Site settings saved." };
  },
});

export const updatePullRateLimitAction = formAction({
  schema: pullRateLimitSchema,
  handler: async (limit, { user, ip }) => {
    const display = limit
      ? `${limit.authenticated} per account and ${limit.anonymous} per anonymous address per ${formatDuration(limit.windowSeconds)}`
      : "off";
    await updateSiteSetting(actorOf(user, ip), "registry.pull_rate_limit", limit, display);
    revalidatePath("/admin/settings");
    return {
      ok: true,
      message: limit
        ? `Pulls are limited: ${display}. Every console applies it within 5 seconds.`
        : "Pulls are not limited.",
    };
  },
});
