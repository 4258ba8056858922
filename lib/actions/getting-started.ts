"use server";

import { revalidatePath } from "next/cache";
import { formAction } from "@/lib/actions/safe-action";
import { dismissGettingStarted } from "@/lib/services/getting-started/dismiss";
import { dismissGettingStartedSchema } from "@/lib/validations/getting-started";

export const dismissGettingStartedAction = formAction({
  schema: dismissGettingStartedSchema,
  handler: async (_input, { user }) => {
    await dismissGettingStarted(user.id);
    revalidatePath("/repositories");
    return { ok: true, message: "Checklist dismissed." };
  },
});
