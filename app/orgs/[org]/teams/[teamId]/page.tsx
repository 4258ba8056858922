import type { Metadata } from "next";
import {
  addTeamMemberAction,
  deleteTeamAction,
  removeTeamMemberAction,
  setTeamPermissionAction,
  updateTeamAction,
} from "@/lib/actions/organizations";
import { SimpleForm } from "@/components/forms/simple-form";
import { Section } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Label, Select } from "@/components/ui/field";
import { TextLink } from "@/components/ui/text-link";
import { TeamPermissionForm } from "@/components/organizations/team-permission-form";
import { listVisibleRepositories } from "@/lib/data/repositories";
import { loadTeam } from "@/lib/loaders/team";
import { teamAbilities } from "@/lib/authz/rules/organization-access";

const LABELS = { read: "Read-only", write: "Read & Write", admin: "Admin" } as const;

type Params = { params: Promise<{ org: string; teamId: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { org, teamId } = await params;
  const { team } = await loadTeam(org, teamId);
  return { title: `Team ${team.name}` };
}

function PermissionOptions() {
  return (
    <>
      <option value="read">{LABELS.read}</option>
      <option value="write">{LABELS.write}</option>
      <option value="admin">{LABELS.admin}</option>
    </>
  );
}

export default async function TeamPage({ params }: Params) {
  const { org, teamId } = await params;
  const { user, membership, team } = await loadTeam(org, teamId);
  const can = teamAbilities(membership, team);
  const repositories = can.grantRepositories ? await listVisibleRepositories(membership.organizationId, user.id) : [];
  // The add form offers only repositories without a grant: a granted one is changed on its own row.
  const granted = new Set(team.permissions.map((p) => p.repository));
  const ungranted = repositories.filter((r) => !granted.has(r.name));
  const hidden = { org, teamId };
  return (
    <div className="space-y-8">
      <p className="text-sm">
        <TextLink href={`/orgs/${org}/members`}>← Members & teams</TextLink>
      </p>
      <Section
        title={`Team ${team.name}`}
        description={team.isOwners ? "Owners can do everything in the organization." : team.description || undefined}
      >
        <ul className="divide-y divide-slate-100" data-testid="team-members">
          {team.members.map((m) => (
            <li key={m.userId} className="flex items-center justify-between py-2">
              <span className="font-medium">{m.username}</span>
              {can.manageMembers ? (
                <SimpleForm
                  action={removeTeamMemberAction}
                  hidden={{ ...hidden, userId: m.userId }}
                  submit="Remove"
                  variant="secondary"
                  inline
                />
              ) : null}
            </li>
          ))}
          {team.members.length === 0 ? <li className="py-2 text-sm text-slate-500">No members yet.</li> : null}
        </ul>
        {can.manageMembers ? (
          <div className="mt-4">
            <SimpleForm
              action={addTeamMemberAction}
              hidden={hidden}
              inline
              submit="Add member"
              fields={[{ name: "username", label: "Add an organization member" }]}
            />
          </div>
        ) : null}
      </Section>
      {!can.takesRepositoryGrants ? null : (
        <Section title="Repository permissions">
          <ul className="divide-y divide-slate-100" data-testid="team-permissions">
            {team.permissions.map((p) => (
              <li
                key={p.repository}
                data-testid="team-permission"
                className="flex flex-wrap items-center justify-between gap-3 py-3"
              >
                <span className="min-w-0 break-all">
                  {org}/<span className="font-medium">{p.repository}</span>
                </span>
                {can.grantRepositories ? (
                  <div className="flex flex-wrap items-start gap-2">
                    <TeamPermissionForm org={org} teamId={teamId} repository={p.repository} permission={p.permission} />
                    <ConfirmDialog
                      trigger="Remove"
                      triggerLabel={`Remove access to ${p.repository}`}
                      triggerVariant="dangerOutline"
                      title={`Remove access to ${org}/${p.repository}?`}
                      description={`Members of ${team.name} lose their ${LABELS[p.permission]} access to ${org}/${p.repository} (unless another team gives them access). You can grant it again later.`}
                      confirmLabel="Remove access"
                      pendingText="Removing…"
                      formAction={setTeamPermissionAction}
                      fields={
                        <>
                          <input type="hidden" name="org" value={org} />
                          <input type="hidden" name="teamId" value={teamId} />
                          <input type="hidden" name="repository" value={p.repository} />
                          <input type="hidden" name="permission" value="none" />
                        </>
                      }
                    />
                  </div>
                ) : (
                  <span className="text-sm text-slate-700">{LABELS[p.permission]}</span>
                )}
              </li>
            ))}
            {team.permissions.length === 0 ? (
              <li className="py-2 text-sm text-slate-500">This team has no access to any repository yet.</li>
            ) : null}
          </ul>
          {can.grantRepositories ? (
            ungranted.length > 0 ? (
              <div className="mt-4 border-t border-slate-100 pt-4" data-testid="grant-form">
                <h3 className="mb-3 text-sm font-medium text-slate-800">Give access to another repository</h3>
                <SimpleForm action={setTeamPermissionAction} hidden={hidden} inline submit="Set permission">
                  <Label text="Repository">
                    <Select name="repository">
                      {ungranted.map((r) => (
                        <option key={r.id} value={r.name}>
                          {r.name}
                        </option>
                      ))}
                    </Select>
                  </Label>
                  <Label text="Permission">
                    <Select name="permission" defaultValue="read">
                      <PermissionOptions />
                    </Select>
                  </Label>
                </SimpleForm>
              </div>
            ) : (
              <p className="mt-4 text-sm text-slate-600" data-testid="no-repositories-to-grant">
                {repositories.length === 0
                  ? "The organization has no repositories yet: push one first."
                  : "This team has a permission on every repository of the organization."}
              </p>
            )
          ) : null}
        </Section>
      )}
      {can.editOrDelete ? (
        <>
          <Section title="Edit team">
            <SimpleForm
              action={updateTeamAction}
              hidden={hidden}
              submit="Save team"
              fields={[
                { name: "name", label: "Name", defaultValue: team.name, maxLength: 50 },
                { name: "description", label: "Description", defaultValue: team.description, maxLength: 200 },
              ]}
            />
          </Section>
          <Section
            title="Delete team"
            tone="danger"
            description="Its members stay in the organization but lose the access this team gave them."
          >
            <ConfirmDialog
              trigger="Delete team"
              triggerVariant="danger"
              title={`Delete team ${team.name}?`}
              description={`${team.name} and its repository permissions are deleted. Its members stay in ${org}. This cannot be undone.`}
              confirmLabel="Delete team"
              pendingText="Deleting…"
              formAction={deleteTeamAction}
              fields={
                <>
                  <input type="hidden" name="org" value={org} />
                  <input type="hidden" name="teamId" value={teamId} />
                </>
              }
            />
          </Section>
        </>
      ) : null}
    </div>
  );
}
