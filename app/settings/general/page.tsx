import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DefaultVisibilityForm } from "@/components/settings/default-visibility-form";
import { EmailForm } from "@/components/settings/email-form";
import { PasswordForm } from "@/components/settings/password-form";
import { ProfileForm } from "@/components/settings/profile-form";
import { QuotaMeter } from "@/components/storage/quota-meter";
import { StorageFigure } from "@/components/storage/storage-figure";
import { ImmutableRules } from "@/components/immutable-tags/immutable-rules";
import { immutableRulesManagerFor } from "@/lib/authz/immutable-tag-rules";
import { listImmutableTagRules } from "@/lib/data/immutable-tag-rules";
import { ButtonLink } from "@/components/ui/button";
import { Section } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/session";
import { namespaceStorageFor } from "@/lib/authz/storage";
import { getAccountSettings } from "@/lib/data/users";

export const metadata: Metadata = { title: "General settings" };

export default async function GeneralSettingsPage({ searchParams }: { searchParams: Promise<{ welcome?: string }> }) {
  const user = await requireUser("/settings/general");
  const [settings, { storage, quota }, namespace] = await Promise.all([
    getAccountSettings(user.id),
    namespaceStorageFor(user, user.username),
    immutableRulesManagerFor(user, user.username),
  ]);
  const rules = await listImmutableTagRules(namespace.id);
  if (!settings) notFound();
  const welcome = (await searchParams).welcome === "1";
  return (
    <>
      {welcome ? (
        <div role="status" className="rounded-xl border border-brand-100 bg-brand-50 px-5 py-4 text-sm text-brand-700">
          Welcome to Dockyard, <span className="font-semibold">{settings.username}</span>! Your namespace is{" "}
          <code className="font-mono">{settings.username}/</code>. Create a personal access token to push from the
          command line.
        </div>
      ) : null}
      <Section title="Profile" description="Shown on your public profile page.">
        <ProfileForm profile={settings} />
      </Section>
      <Section
        title="Email"
        description="Where we send security notices and links. A new address is used once you confirm it."
      >
        <EmailForm email={settings.email} verified={settings.emailVerified} pendingEmail={settings.pendingEmail} />
      </Section>
      <Section title="Password" description="Changing it signs you out everywhere else.">
        <PasswordForm />
      </Section>
      <Section
        title="Default privacy"
        description="The visibility a new repository gets when you create it or push it for the first time."
      >
        <DefaultVisibilityForm current={settings.defaultVisibility} />
      </Section>
      <Section
        title="Storage"
        description={`What the repositories of your namespace ${settings.username}/ keep in the registry.`}
      >
        <StorageFigure storage={storage} scope="namespace" />
        <QuotaMeter storage={storage} quotaBytes={quota.bytes} source={quota.source} />
      </Section>
      <Section
        title="Immutable tags"
        description={`Tags that, once pushed to a repository of ${user.username}/, can neither be overwritten nor deleted.`}
      >
        <ImmutableRules namespace={user.username} rules={rules} now={new Date()} />
      </Section>
      <Section
        title="Tag retention"
        description={`Rules that delete old images from the repositories of ${user.username}/, by hand, on a schedule, or as a dry run first.`}
      >
        <ButtonLink href={"/settings/retention"} variant="secondary" data-testid="retention-link">
          Manage tag retention
        </ButtonLink>
      </Section>
    </>
  );
}
