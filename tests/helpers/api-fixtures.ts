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
