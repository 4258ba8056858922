import "server-only";
import { eq, sql } from "drizzle-orm";
import { transaction } from "@/db";
import { namespaces, users } from "@/db/schema";
import type { Actor } from "@/lib/authz/rules/repository-permissions";
import type { OwnedNamespace } from "@/lib/authz/rules/namespace-owner";
import { namespaceQuotaManagerFor } from "@/lib/authz/storage";
import { accessChanged } from "@/lib/data/access-cache";
import { getNamespaceStorage } from "@/lib/data/storage";
import { getNamespaceQuota } from "@/lib/data/storage-quota";
import { ForbiddenError } from "@/lib/errors";
import { formatBytes } from "@/lib/format";
import { auditActor, recordAudit } from "@/lib/services/audit-event/record";
import type { NamespaceQuotaInput, NamespaceQuotaSetting } from "@/lib/validations/namespace-quota";
import { notifyQuotaLevels } from "./notify-quota-levels";

/** The words the audit log and the form's message use for a setting. */
export function describeQuotaSetting(q: NamespaceQuotaSetting): string {
  return q === "site_default" ? "the site default" : q === "unlimited" ? "no limit" : formatBytes(q);
}

/**
 * Sets a namespace's own storage quota (site operators only), overriding the site default, or
 * goes back to the default. A quota below what the namespace stores is allowed: further pushes
 * that add bytes are refused, nothing is deleted. The door's cache is emptied on commit here and
 * on every console (the namespaces trigger); the owners are told at once if the new quota puts
 * them at 80 % or 100 %.
 */
export async function setNamespaceQuota(
  actor: Actor,
  input: NamespaceQuotaInput,
): Promise<{ namespace: OwnedNamespace; quotaBytes: number | null; usedBytes: number }> {
  if (actor.kind !== "user") throw new ForbiddenError("Only site operators can set a namespace's storage quota.");
  const ns = await namespaceQuotaManagerFor({ id: actor.userId, isAdmin: actor.isAdmin }, input.namespace);
  const to = describeQuotaSetting(input.quota);
  await transaction(async (tx) => {
    await tx
      .update(namespaces)
      .set(
        input.quota === "site_default"
          ? { storageQuotaOverride: false, storageQuotaBytes: null }
          : { storageQuotaOverride: true, storageQuotaBytes: input.quota === "unlimited" ? null : input.quota },
      )
      .where(eq(namespaces.id, ns.id));
    // In the namespace's log, for its owners, and in the operator's own, with their other site changes.
    const entry = { ...auditActor(actor), action: "storage_quota_changed", target: ns.name, metadata: { to } };
    await recordAudit({ ...entry, namespaceId: ns.id }, tx);
    const [me] = await tx.select({ ns: users.namespaceId }).from(users).where(eq(users.id, actor.userId));
    if (me?.ns !== ns.id) await recordAudit(entry, tx);
    accessChanged(tx);
    await notifyQuotaLevels(tx, sql`select ${ns.id}::uuid`);
  });
  const [quota, storage] = await Promise.all([getNamespaceQuota(ns.id), getNamespaceStorage(ns.id)]);
  return { namespace: ns, quotaBytes: quota?.bytes ?? null, usedBytes: storage.uniqueBytes };
}
