"use server";

import { revalidatePath } from "next/cache";
import { formAction } from "@/lib/actions/safe-action";
import { createPersonalAccessToken } from "@/lib/services/personal-access-token/create";
import { deletePersonalAccessToken } from "@/lib/services/personal-access-token/delete";
import { setPersonalAccessTokenActive } from "@/lib/services/personal-access-token/set-active";
import { createTokenSchema, setTokenActiveSchema, tokenIdSchema } from "@/lib/validations/personal-access-token";

export const createTokenAction = formAction({
  schema: createTokenSchema,
  handler: async (input, { user, ip }) => {
    const created = await createPersonalAccessToken(user.id, input, ip);
    revalidatePath("/settings/tokens");
    // The secret lives only in this response: it is never stored or shown again.
    return {
      ok: true,
      data: {
        secret: created.secret,
        description: created.description,
        scope: created.scope,
        expiresAt: created.expiresAt?.toISOString() ?? null,
      },
    };
  },
});

export const setTokenActiveAction = formAction({
  schema: setTokenActiveSchema,
  handler: async (input, { user, ip }) => {
    await setPersonalAccessTokenActive(user.id, input.tokenId, input.active === "true", ip);
    revalidatePath("/settings/tokens");
    return { ok: true, message: input.active === "true" ? "Token activated." : "Token deactivated." };
  },
});

export const deleteTokenAction = formAction({
  schema: tokenIdSchema,
  handler: async (input, { user, ip }) => {
    await deletePersonalAccessToken(user.id, input.tokenId, ip);
    revalidatePath("/settings/tokens");
    return { ok: true, message: "Token deleted." };
  },
});
