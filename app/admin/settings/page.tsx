import { notFound } from "next/navigation";
import { BuildsSettingsForm } from "@/components/admin/builds-settings-form";
import { PullRateLimitForm } from "@/components/admin/pull-rate-limit-form";
import { ReadOnlyForm } from "@/components/admin/read-only-form";
import { StorageQuotaForm } from "@/components/admin/storage-quota-form";
import { SiteSettingsForm } from "@/components/admin/site-settings-form";
import { Section } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { isSiteOperator } from "@/lib/authz/rules/site-operator";
import { checkBuildHost } from "@/lib/builds/engine";
import { getSiteSettings } from "@/lib/data/site-settings";
import { countNamespacesOver } from "@/lib/data/storage";

export const metadata = { title: "Site settings" };

/** Settings of the whole console, for site operators. */
export default async function SiteSettingsPage() {
  const user = await requireUser("/admin/settings");
  if (!isSiteOperator(user)) notFound();
  const [settings, buildHost] = await Promise.all([getSiteSettings(), checkBuildHost()]);
  const quota = settings["storage.default_quota_bytes"];
  const over = quota === null ? 0 : await countNamespacesOver(quota);
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader
        title="Site settings"
        description="Operator settings for everyone on this console. Changes are recorded in your audit log."
      />
      <Section title="Pull rate limits">
        <PullRateLimitForm current={settings["registry.pull_rate_limit"]} />
      </Section>
      <Section title="Storage quota">
        <StorageQuotaForm current={quota} over={over} />
      </Section>
      <Section title="Read-only mode">
        <ReadOnlyForm current={settings["registry.read_only"]} />
      </Section>
      <Section title="Webhooks">
        <SiteSettingsForm allowPrivateWebhookTargets={settings["webhooks.allow_private_targets"]} />
      </Section>
      <Section title="Builds">
        {buildHost.ready ? (
          <p className="mb-4 text-sm text-slate-600" data-testid="build-host-ready">
            This machine can run builds: {buildHost.buildah ?? "buildah"}, runc, slirp4netns and the build user are in
            place.
          </p>
        ) : (
          <Notice role="note" className="mb-4" data-testid="build-host-missing">
            This machine cannot run builds yet: {buildHost.missing.join(", ")} missing. Builds would fail naming them.
            Restart the console with its start command (<code>bash scripts/start.sh</code>): once builds are enabled it
            installs them.
          </Notice>
        )}
        <BuildsSettingsForm
          enabled={settings["builds.enabled"]}
          allowPrivateGit={settings["builds.allow_private_git"]}
          allowNetwork={settings["builds.allow_network"]}
        />
      </Section>
    </div>
  );
}
