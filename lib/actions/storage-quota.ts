"use server";

import { revalidatePath } from "next/cache";
import { formAction } from "@/lib/actions/safe-action";
import { actorOf } from "@/lib/auth/actor";
import { formatBytes } from "@/lib/format";
import { describeQuotaSetting, setNamespaceQuota } from "@/lib/services/storage/set-namespace-quota";
import { namespaceQuotaFormSchema } from "@/lib/validations/namespace-quota";

export const setNamespaceQuotaAction = formAction({
  schema: namespaceQuotaFormSchema,
  handler: async (input, { user, ip }) => {
    const { namespace, quotaBytes, usedBytes } = await setNamespaceQuota(actorOf(user, ip), input);
    revalidatePath("/admin/storage", "layout");
    revalidatePath(`/orgs/${namespace.name}/settings`);
    revalidatePath("/settings/general");
    const set =
      input.quota === "site_default"
        ? `${namespace.name} uses the site default quota (${quotaBytes === null ? "no limit" : formatBytes(quotaBytes)}).`
        : `${namespace.name} may store ${describeQuotaSetting(input.quota)}.`;
    const over =
      quotaBytes !== null && usedBytes > quotaBytes
        ? ` It stores ${formatBytes(usedBytes)} already: pushes that add layers are refused until tags are deleted. Nothing was deleted.`
        : "";
    return { ok: true, message: set + over };
  },
});
