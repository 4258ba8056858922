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
