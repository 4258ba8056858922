import { listPendingInvitationsFor } from "@/lib/data/organizations";
import { inviteMember } from "@/lib/services/organization/invite-member";
import { respondToInvitation } from "@/lib/services/organization/respond-to-invitation";
import { createUser } from "@/lib/services/user/create";
import { uniqueName } from "./factory";

export type TestUser = { id: string; username: string; password: string; email: string };

/** A new account made by the app's own service, with the password it was made with. */
export async function newUser(prefix: string): Promise<TestUser> {
  const username = uniqueName(prefix);
  const password = `pw-${username}-x`;
  const email = `${username}@example.test`;
  return { ...(await createUser({ username, email, password })), password, email };
}

/** `user` joins `org` the way people do: `owner` invites, the user accepts. */
export async function joinOrganization(org: string, owner: TestUser, user: TestUser): Promise<void> {
  await inviteMember({ org, actorId: owner.id, invitee: user.username });
  const [inv] = await listPendingInvitationsFor(user.id, user.email);
  await respondToInvitation({ invitationId: inv!.id, userId: user.id, email: user.email, accept: true });
}
