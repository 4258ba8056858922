"use server";

import { redirect } from "next/navigation";
import { formAction } from "@/lib/actions/safe-action";
import { actorOf } from "@/lib/auth/actor";
import { mayCreateRepositoryIn } from "@/lib/authz/resolve-role";
import { getCurrentUser } from "@/lib/auth/session";
import { getRepositoryAccessContext } from "@/lib/data/repositories";
import { createRepository } from "@/lib/services/repository/create";
import { checkRepositoryNameSchema, createRepositorySchema, repositoryNameSchema } from "@/lib/validations/repository";

export const createRepositoryAction = formAction({
  schema: createRepositorySchema,
  handler: async (input, { user, ip }) => {
    const { path } = await createRepository(actorOf(user, ip), input);
    redirect(`/r/${path}?created=1`);
  },
});

/**
 * Live check while typing: the name's format (the same zod rule as the form) and whether it is
 * free. Only for signed-in users, and only in a namespace they may create in: elsewhere "taken"
 * would reveal private repositories.
 */
export async function checkRepositoryNameAction(
  namespace: string,
  name: string,
): Promise<{ ok: boolean; message: string }> {
  const user = await getCurrentUser();
  const parsed = checkRepositoryNameSchema.safeParse({ namespace, name });
  if (!user || !parsed.success) return { ok: false, message: "" };
  const format = repositoryNameSchema.safeParse(name);
  if (!format.success) return { ok: false, message: format.error.issues[0]?.message ?? "Invalid name" };
  const ctx = await getRepositoryAccessContext(namespace, format.data);
  if (!(await mayCreateRepositoryIn(actorOf(user, null), ctx)))
    return { ok: false, message: `You cannot create repositories in ${namespace}` };
  if (ctx.repository) return { ok: false, message: `${namespace}/${format.data} already exists` };
  return { ok: true, message: `${namespace}/${format.data} is available` };
}
