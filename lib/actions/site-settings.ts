"use server";

import { revalidatePath } from "next/cache";
import { formAction } from "@/lib/actions/safe-action";
import { actorOf } from "@/lib/auth/actor";
import { updateSiteSetting } from "@/lib/services/site-setting/update";
import { formatBytes, formatDuration } from "@/lib/format";
import {
  buildsSettingsSchema,
  pullRateLimitSchema,
  readOnlySchema,
  siteSettingsSchema,
  storageQuotaSchema,
} from "@/lib/validations/site-settings";

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
      message: limit ? `Pulls are limited: ${display}. Every console applies it at once.` : "Pulls are not limited.",
    };
  },
});

export const updateReadOnlyAction = formAction({
  schema: readOnlySchema,
  handler: async (window, { user, ip }) => {
    const value = window ? { message: window.message, since: new Date().toISOString() } : null;
    await updateSiteSetting(actorOf(user, ip), "registry.read_only", value, window ? `on: ${window.message}` : "off");
    revalidatePath("/admin/settings");
    return {
      ok: true,
      message: window
        ? "The registry is read-only: pushes and deletes are refused, pulls go on."
        : "The registry takes pushes again.",
    };
  },
});

export const updateStorageQuotaAction = formAction({
  schema: storageQuotaSchema,
  handler: async (quota, { user, ip }) => {
    await updateSiteSetting(
      actorOf(user, ip),
      "storage.default_quota_bytes",
      quota,
      quota === null ? "off" : `${formatBytes(quota)} per namespace`,
    );
    revalidatePath("/admin/settings");
    return {
      ok: true,
      message:
        quota === null
          ? "No storage quota: namespaces may store any amount."
          : `Each namespace may store ${formatBytes(quota)}. Pushes past it are refused; nothing is deleted.`,
    };
  },
});

export const updateBuildsSettingsAction = formAction({
  schema: buildsSettingsSchema,
  handler: async (input, { user, ip }) => {
    const actor = actorOf(user, ip);
    await updateSiteSetting(actor, "builds.enabled", input.buildsEnabled);
    await updateSiteSetting(actor, "builds.allow_private_git", input.allowPrivateGit);
    await updateSiteSetting(actor, "builds.allow_network", input.allowNetwork);
    revalidatePath("/admin/settings");
    return {
      ok: true,
      message: input.buildsEnabled
        ? `Builds are enabled, ${input.allowNetwork ? "with outbound network access" : "without network access"} during RUN steps.`
        : "Builds are off.",
    };
  },
});
