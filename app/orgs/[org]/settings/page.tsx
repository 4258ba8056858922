import type { Metadata } from "next";
import { deleteOrganizationAction, updateOrgSettingsAction } from "@/lib/actions/organizations";
import { SimpleForm } from "@/components/forms/simple-form";
import { ButtonLink } from "@/components/ui/button";
import { Section } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { QuotaMeter } from "@/components/storage/quota-meter";
import { StorageFigure } from "@/components/storage/storage-figure";
import { ImmutableRules } from "@/components/immutable-tags/immutable-rules";
import { immutableRulesManagerFor } from "@/lib/authz/immutable-tag-rules";
import { listImmutableTagRules } from "@/lib/data/immutable-tag-rules";
import { namespaceStorageFor } from "@/lib/authz/storage";
import { countPrivateRepositories } from "@/lib/data/organizations";
import { loadOrganizationAsOwner } from "@/lib/loaders/organization";

export const metadata: Metadata = { title: "Settings" };

export default async function OrganizationSettingsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const { user, organization } = await loadOrganizationAsOwner(org, `/orgs/${org}/settings`);
  const [used, { storage, quota }, namespace] = await Promise.all([
    countPrivateRepositories(organization.id),
    namespaceStorageFor(user, organization.name),
    immutableRulesManagerFor(user, organization.name),
  ]);
  const rules = await listImmutableTagRules(namespace.id);
  return (
    <>
      <Section
        title="Organization settings"
        description={`Private repositories: ${used}${organization.privateRepoQuota === null ? " (no limit)" : ` of ${organization.privateRepoQuota}`}.`}
      >
        <SimpleForm
          action={updateOrgSettingsAction}
          hidden={{ org }}
          submit="Save settings"
          fields={[
            {
              name: "displayName",
              label: "Display name",
              defaultValue: organization.displayName ?? "",
              maxLength: 100,
            },
            { name: "company", label: "Company", defaultValue: organization.company ?? "", maxLength: 100 },
            { name: "location", label: "Location", defaultValue: organization.location ?? "", maxLength: 100 },
            { name: "website", label: "Website", type: "url", defaultValue: organization.website ?? "" },
            {
              name: "privateRepoQuota",
              label: "Private repository quota",
              hint: "Leave empty for no limit.",
              defaultValue: organization.privateRepoQuota?.toString() ?? "",
            },
          ]}
        >
          <fieldset className="text-sm">
            <legend className="font-medium text-slate-800">Default visibility of new repositories</legend>
            <div className="mt-2 flex gap-6">
              {(["public", "private"] as const).map((v) => (
                <label key={v} className="flex items-center gap-2">
                  <input
                    type="radio"
                    name="defaultVisibility"
                    value={v}
                    defaultChecked={organization.defaultVisibility === v}
                  />
                  {v === "public" ? "Public" : "Private"}
                </label>
              ))}
            </div>
          </fieldset>
        </SimpleForm>
      </Section>
      <Section title="Storage" description={`What the repositories of ${organization.name} keep in the registry.`}>
        <StorageFigure storage={storage} scope="namespace" />
        <QuotaMeter storage={storage} quotaBytes={quota.bytes} source={quota.source} />
      </Section>
      <Section
        title="Immutable tags"
        description={`Tags that, once pushed to a repository of ${organization.name}, can neither be overwritten nor deleted.`}
      >
        <ImmutableRules namespace={organization.name} rules={rules} now={new Date()} />
      </Section>
      <Section
        title="Tag retention"
        description={`Rules that delete old images from the repositories of ${organization.name}, by hand, on a schedule, or as a dry run first.`}
      >
        <ButtonLink
          href={`/orgs/${organization.name}/settings/retention`}
          variant="secondary"
          data-testid="retention-link"
        >
          Manage tag retention
        </ButtonLink>
      </Section>
      <Section
        title="Builds"
        description={`Images built from Git for the repositories of ${organization.name}: the latest builds of all of them.`}
      >
        <ButtonLink href={`/orgs/${organization.name}/settings/builds`} variant="secondary" data-testid="builds-link">
          See recent builds
        </ButtonLink>
      </Section>
      <Section
        title="Delete organization"
        tone="danger"
        description={`Deletes every repository of ${organization.name} from the registry (all tags and images), its teams and memberships. This cannot be undone.`}
      >
        <ConfirmDialog
          trigger="Delete organization"
          triggerVariant="danger"
          title={`Delete ${organization.name}?`}
          description={`Every repository of ${organization.name} is deleted from the registry, with its teams and memberships. This cannot be undone.`}
          confirmLabel="Delete organization"
          pendingText="Deleting…"
          confirmText={organization.name}
          inputs={[
            { name: "currentPassword", label: "Your password", type: "password", autoComplete: "current-password" },
          ]}
          formAction={deleteOrganizationAction}
          testId="delete-organization-dialog"
          fields={<input type="hidden" name="org" value={org} />}
        />
      </Section>
    </>
  );
}
