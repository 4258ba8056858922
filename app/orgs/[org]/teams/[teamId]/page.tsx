import {
  addTeamMemberAction,
  deleteTeamAction,
  removeTeamMemberAction,
  setTeamPermissionAction,
  updateTeamAction,
} from "@/lib/actions/organizations";
import { SimpleForm } from "@/components/forms/simple-form";
import { Section } from "@/components/ui/card";
import { Label, Select } from "@/components/ui/field";
import { TextLink } from "@/components/ui/text-link";
import { listVisibleRepositories } from "@/lib/data/repositories";
import { loadTeam } from "@/lib/loaders/team";
import { teamAbilities } from "@/lib/authz/rules/organization-access";

const LABELS = { read: "Read-only", write: "Read & Write", admin: "Admin" } as const;

export default async function TeamPage({ params }: { params: Promise<{ org: string; teamId: string }> }) {
  const { org, teamId } = await params;
  const { user, membership, team } = await loadTeam(org, teamId);
  const can = teamAbilities(membership, team);
  const repositories = can.grantRepositories ? await listVisibleRepositories(membership.organizationId, user.id) : [];
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
              <li key={p.repository} className="flex items-center justify-between py-2">
                <span>
                  {org}/<span className="font-medium">{p.repository}</span>
                </span>
                <span className="text-sm text-slate-700">{LABELS[p.permission]}</span>
              </li>
            ))}
            {team.permissions.length === 0 ? (
              <li className="py-2 text-sm text-slate-500">This team has no access to any repository yet.</li>
            ) : null}
          </ul>
          {can.grantRepositories ? (
            repositories.length > 0 ? (
              <div className="mt-4">
                <SimpleForm action={setTeamPermissionAction} hidden={hidden} inline submit="Set permission">
                  <Label text="Repository">
                    <Select name="repository">
                      {repositories.map((r) => (
                        <option key={r.id} value={r.name}>
                          {r.name}
                        </option>
                      ))}
                    </Select>
                  </Label>
                  <Label text="Permission">
                    <Select name="permission" defaultValue="read">
                      <option value="read">Read-only</option>
                      <option value="write">Read & Write</option>
                      <option value="admin">Admin</option>
                      <option value="none">No access</option>
                    </Select>
                  </Label>
                </SimpleForm>
              </div>
            ) : (
              <p className="mt-4 text-sm text-slate-600">The organization has no repositories yet: push one first.</p>
            )
          ) : null}
        </Section>
      )}
      {can.editOrDelete ? (
        <Section title="Edit team" tone="danger">
          <SimpleForm
            action={updateTeamAction}
            hidden={hidden}
            submit="Save team"
            fields={[
              { name: "name", label: "Name", defaultValue: team.name, maxLength: 50 },
              { name: "description", label: "Description", defaultValue: team.description, maxLength: 200 },
            ]}
          />
          <div className="mt-6 border-t border-red-100 pt-6">
            <SimpleForm action={deleteTeamAction} hidden={hidden} submit="Delete team" variant="danger" />
          </div>
        </Section>
      ) : null}
    </div>
  );
}
