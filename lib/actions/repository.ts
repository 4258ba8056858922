"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { formAction } from "@/lib/actions/safe-action";
import { actorOf } from "@/lib/auth/actor";
import { deleteRepository } from "@/lib/services/repository/delete";
import { setRepositoryVisibility } from "@/lib/services/repository/set-visibility";
import { updateRepositoryDetails } from "@/lib/services/repository/update-details";
import { setStar } from "@/lib/services/star/set";
import { deleteTags } from "@/lib/services/repository/delete-tags";
import { requestReconciliation } from "@/lib/services/index-reconciliation/request";
import {
  deleteRepositorySchema,
  deleteTagsSchema,
  reconcileRepositorySchema,
  repositoryDetailsSchema,
  repositoryVisibilitySchema,
  starSchema,
} from "@/lib/validations/repository-settings";

export const updateRepositoryDetailsAction = formAction({
  schema: repositoryDetailsSchema,
  handler: async (input, { user, ip }) => {
    await updateRepositoryDetails(actorOf(user, ip), input);
    revalidatePath(`/r/${input.namespace}/${input.name}`, "layout");
    return { ok: true, message: "Saved." };
  },
});

export const setRepositoryVisibilityAction = formAction({
  schema: repositoryVisibilitySchema,
  handler: async (input, { user, ip }) => {
    await setRepositoryVisibility(
      actorOf(user, ip),
      { namespace: input.namespace, name: input.name },
      input.visibility,
    );
    revalidatePath(`/r/${input.namespace}/${input.name}`, "layout");
    return { ok: true, message: `The repository is now ${input.visibility}.` };
  },
});

export const deleteRepositoryAction = formAction({
  schema: deleteRepositorySchema,
  handler: async (input, { user, ip }) => {
    await deleteRepository(actorOf(user, ip), input);
    redirect(input.namespace === user.username ? `/u/${input.namespace}` : `/orgs/${input.namespace}`);
  },
});

export const starAction = formAction({
  schema: starSchema,
  handler: async (input, { user }) => {
    await setStar(
      { kind: "user", userId: user.id, isAdmin: user.isAdmin },
      { namespace: input.namespace, name: input.name, starred: input.starred === "true" },
    );
    revalidatePath(`/r/${input.namespace}/${input.name}`, "layout");
    revalidatePath("/starred");
  },
});

export const deleteTagsAction = formAction({
  schema: deleteTagsSchema,
  handler: async (input, { user, ip }) => {
    const { deleted } = await deleteTags(actorOf(user, ip), {
      namespace: input.namespace,
      name: input.name,
      tags: input.tags,
    });
    revalidatePath(`/r/${input.namespace}/${input.name}`, "layout");
    return { ok: true, message: `Deleted ${deleted.join(", ")}.` };
  },
});

export const reconcileRepositoryAction = formAction({
  schema: reconcileRepositorySchema,
  handler: async (input, { user, ip }) => {
    const outcome = await requestReconciliation(actorOf(user, ip), { namespace: input.namespace, name: input.name });
    revalidatePath(`/r/${input.namespace}/${input.name}`, "layout");
    if (outcome.status === "busy")
      return { ok: true, message: "A re-scan of this repository is already running. Reload in a moment." };
    const r = outcome.run;
    return {
      ok: true,
      message: `Re-scanned from the registry: ${r.tagsAdded} added, ${r.tagsUpdated} changed, ${r.tagsRemoved} removed.`,
    };
  },
});
