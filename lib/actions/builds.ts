"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { formAction } from "@/lib/actions/safe-action";
import { actorOf } from "@/lib/auth/actor";
import { cancelBuild } from "@/lib/services/build/cancel";
import { clearRepositoryBuildCache } from "@/lib/services/build/clear-cache";
import { retryBuild } from "@/lib/services/build/retry";
import { startBuild } from "@/lib/services/build/start";
import { buildActionFormSchema, clearBuildCacheFormSchema, startBuildFormSchema } from "@/lib/validations/build";

const base = (i: { namespace: string; name: string }) => `/r/${i.namespace}/${i.name}/builds`;

/** Build now: queues the build and opens its page, where its log streams. */
export const startBuildAction = formAction({
  schema: startBuildFormSchema,
  handler: async (input, { user, ip }) => {
    const { number } = await startBuild(actorOf(user, ip), input, { ruleId: input.ruleId, ref: input.ref });
    revalidatePath(base(input), "layout");
    redirect(`${base(input)}/${number}`);
  },
});

export const cancelBuildAction = formAction({
  schema: buildActionFormSchema,
  handler: async (input, { user, ip }) => {
    const { status } = await cancelBuild(actorOf(user, ip), input, input.number);
    revalidatePath(base(input), "layout");
    return {
      ok: true,
      message: status === "cancelled" ? "Build cancelled." : "Cancelling: the build stops within a few seconds.",
    };
  },
});

/** Retry: the same commit and recipe as a new build, whose page opens. */
export const retryBuildAction = formAction({
  schema: buildActionFormSchema,
  handler: async (input, { user, ip }) => {
    const { number } = await retryBuild(actorOf(user, ip), input, input.number);
    revalidatePath(base(input), "layout");
    redirect(`${base(input)}/${number}`);
  },
});

export const clearBuildCacheAction = formAction({
  schema: clearBuildCacheFormSchema,
  handler: async (input, { user, ip }) => {
    await clearRepositoryBuildCache(actorOf(user, ip), input);
    return { ok: true, message: "Build cache cleared: the next build starts without cached layers." };
  },
});
