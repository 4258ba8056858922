"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { formAction } from "@/lib/actions/safe-action";
import { createOrganization } from "@/lib/services/organization/create";
import { deleteOrganization } from "@/lib/services/organization/delete";
import { inviteMember } from "@/lib/services/organization/invite-member";
import { resendInvitation } from "@/lib/services/organization/resend-invitation";
import { revokeInvitation } from "@/lib/services/organization/revoke-invitation";
import { removeOrgMember } from "@/lib/services/organization/remove-member";
import { respondToInvitation } from "@/lib/services/organization/respond-to-invitation";
import { updateOrgSettings } from "@/lib/services/organization/update-settings";
import { addTeamMember } from "@/lib/services/team/add-member";
import { createTeam } from "@/lib/services/team/create";
import { deleteTeam } from "@/lib/services/team/delete";
import { removeTeamMember } from "@/lib/services/team/remove-member";
import { setTeamRepositoryPermission } from "@/lib/services/team/set-repository-permission";
import { updateTeam } from "@/lib/services/team/update";
import {
  createOrganizationSchema,
  deleteOrganizationSchema,
  createTeamSchema,
  invitationResponseSchema,
  inviteMemberSchema,
  orgInvitationSchema,
  orgMemberSchema,
  orgSettingsSchema,
  teamIdSchema,
  teamMemberRemoveSchema,
  teamMemberSchema,
  teamPermissionSchema,
  updateTeamSchema,
} from "@/lib/validations/organization";

export const createOrganizationAction = formAction({
  schema: createOrganizationSchema,
  handler: async (input, { user, ip }) => {
    const { name } = await createOrganization(user.id, { ...input, ip });
    redirect(`/orgs/${name}`);
  },
});

export const inviteMemberAction = formAction({
  schema: inviteMemberSchema,
  handler: async (input, { user, ip }) => {
    const { emailed } = await inviteMember({ org: input.org, actorId: user.id, invitee: input.invitee, ip });
    revalidatePath(`/orgs/${input.org}/members`);
    return {
      ok: true,
      message: `Invitation sent to ${input.invitee}${emailed ? "" : " (the email could not be sent; they will still see it when they sign in)"}.`,
    };
  },
});

export const revokeInvitationAction = formAction({
  schema: orgInvitationSchema,
  handler: async (input, { user, ip }) => {
    const { invitee } = await revokeInvitation({ ...input, actorId: user.id, ip });
    revalidatePath(`/orgs/${input.org}/members`);
    return { ok: true, message: `The invitation of ${invitee} was revoked.` };
  },
});

export const resendInvitationAction = formAction({
  schema: orgInvitationSchema,
  handler: async (input, { user, ip }) => {
    const { invitee, emailed } = await resendInvitation({ ...input, actorId: user.id, ip });
    revalidatePath(`/orgs/${input.org}/members`);
    return {
      ok: true,
      message: emailed
        ? `Invitation sent to ${invitee} again; it now expires in 14 days.`
        : `The invitation of ${invitee} now expires in 14 days, but the email could not be sent.`,
    };
  },
});

export const removeMemberAction = formAction({
  schema: orgMemberSchema,
  handler: async (input, { user, ip }) => {
    await removeOrgMember({ org: input.org, actorId: user.id, userId: input.userId, ip });
    if (input.userId === user.id) redirect("/");
    revalidatePath(`/orgs/${input.org}/members`);
    return { ok: true, message: "Member removed." };
  },
});

export const respondToInvitationAction = formAction({
  schema: invitationResponseSchema,
  handler: async (input, { user, ip }) => {
    await respondToInvitation({
      invitationId: input.invitationId,
      userId: user.id,
      email: user.email,
      accept: input.accept === "true",
      ip,
    });
    if (input.accept === "true") redirect(`/orgs/${input.org}`);
    revalidatePath("/invitations");
    return { ok: true, message: "Invitation declined." };
  },
});

export const updateOrgSettingsAction = formAction({
  schema: orgSettingsSchema,
  handler: async (input, { user }) => {
    await updateOrgSettings({ ...input, actorId: user.id });
    revalidatePath(`/orgs/${input.org}`, "layout");
    return { ok: true, message: "Settings saved." };
  },
});

export const createTeamAction = formAction({
  schema: createTeamSchema,
  handler: async (input, { user }) => {
    const team = await createTeam({ ...input, actorId: user.id });
    redirect(`/orgs/${input.org}/teams/${team.id}`);
  },
});

export const updateTeamAction = formAction({
  schema: updateTeamSchema,
  handler: async (input, { user }) => {
    await updateTeam({ ...input, actorId: user.id });
    revalidatePath(`/orgs/${input.org}`, "layout");
    return { ok: true, message: "Team saved." };
  },
});

export const deleteTeamAction = formAction({
  schema: teamIdSchema,
  handler: async (input, { user }) => {
    await deleteTeam({ ...input, actorId: user.id });
    redirect(`/orgs/${input.org}/members`);
  },
});

export const addTeamMemberAction = formAction({
  schema: teamMemberSchema,
  handler: async (input, { user }) => {
    await addTeamMember({ ...input, actorId: user.id });
    revalidatePath(`/orgs/${input.org}/teams/${input.teamId}`);
    return { ok: true, message: `${input.username} added.` };
  },
});

export const removeTeamMemberAction = formAction({
  schema: teamMemberRemoveSchema,
  handler: async (input, { user }) => {
    await removeTeamMember({ ...input, actorId: user.id });
    revalidatePath(`/orgs/${input.org}/teams/${input.teamId}`);
    return { ok: true, message: "Removed from the team." };
  },
});

export const setTeamPermissionAction = formAction({
  schema: teamPermissionSchema,
  handler: async (input, { user, ip }) => {
    await setTeamRepositoryPermission({ ...input, actorId: user.id, ip });
    revalidatePath(`/orgs/${input.org}/teams/${input.teamId}`);
    return {
      ok: true,
      message:
        input.permission === "none"
          ? `Access to ${input.repository} removed.`
          : `Permission on ${input.repository} saved.`,
    };
  },
});

export const deleteOrganizationAction = formAction({
  schema: deleteOrganizationSchema,
  handler: async (input, { user, ip }) => {
    await deleteOrganization({ ...input, actorId: user.id, ip });
    redirect("/");
  },
});
