import type pg from "pg";
import type { openApiClient } from "./api";
import { createPersonalAccessToken } from "@/lib/services/personal-access-token/create";
import { createUser } from "@/lib/services/user/create";
import { uniqueName } from "./factory";

export type ApiUser = {
  id: string;
  username: string;
  password: string;
  email: string;
  tokens: { read: string; read_write: string; read_write_delete: string };
};

/** A user with one personal access token of each scope (what the API tests call with). */
export async function apiUser(prefix = "api"): Promise<ApiUser> {
  const username = uniqueName(prefix);
  const password = `pw-${username}-x`;
  const email = `${username}@example.test`;
  const { id } = await createUser({ username, email, password });
  const token = async (scope: "read" | "read_write" | "read_write_delete") =>
    (await createPersonalAccessToken(id, { description: `api ${scope}`, scope, expiry: "30" })).secret;
  return {
    id,
    username,
    password,
    email,
    tokens: {
      read: await token("read"),
      read_write: await token("read_write"),
      read_write_delete: await token("read_write_delete"),
    },
  };
}

type ApiClient = Awaited<ReturnType<typeof openApiClient>>;

/** A new organization of `owner`'s over the API, with `member` invited and accepted (a plain member). */
export async function orgWithMember(api: ApiClient, owner: ApiUser, member: ApiUser, prefix: string): Promise<string> {
  const org = uniqueName(prefix);
  const created = await api.call("createOrganization", owner.tokens.read_write, { body: { name: org } });
  if (created.status !== 201) throw new Error(`createOrganization: ${created.status}`);
  const inv = await api.call("createOrganizationInvitation", owner.tokens.read_write, {
    params: { org },
    body: { invitee: member.username },
  });
  const accepted = await api.call("acceptInvitation", member.tokens.read_write, { params: { id: inv.body.id } });
  if (accepted.status !== 204) throw new Error(`acceptInvitation: ${accepted.status}`);
  return org;
}

/** A personal access token of the site operator the test console seeded (`c.admin.username`). */
export async function operatorToken(
  db: pg.Pool,
  username: string,
  scope: "read" | "read_write" | "read_write_delete",
): Promise<string> {
  const { rows } = await db.query<{ id: string }>("select id from users where username = $1", [username]);
  return (await createPersonalAccessToken(rows[0]!.id, { description: `operator ${scope}`, scope, expiry: "30" }))
    .secret;
}
