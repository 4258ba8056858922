import "server-only";
import { and, eq } from "drizzle-orm";
import { transaction } from "@/db";
import { repositories, webhooks } from "@/db/schema";
import { encryptSecret } from "@/lib/security/crypto";
import type { Actor } from "@/lib/authz/rules/repository-permissions";
import { ConflictError, ValidationError } from "@/lib/errors";
import { auditActor, recordAudit } from "@/lib/services/audit-event/record";
import { countUnderLock } from "@/lib/services/limits/count-under-lock";
import type { WebhookInput } from "@/lib/validations/webhook";
import { newWebhookSecret } from "@/lib/webhooks/signature";
import { assertSafeWebhookUrl } from "./assert-safe-url";
import { triggerColumns } from "./trigger-columns";
import { requireWebhookAdmin } from "@/lib/authz/require-webhook-admin";

export const MAX_WEBHOOKS_PER_REPOSITORY = 10;

/**
 * Adds a webhook to a repository (repository admins; at most 10 each). The signing secret is
 * generated here and returned once in clear; it is stored encrypted and can be revealed again by
 * admins on the webhook's page. `opts.active: false` creates it paused (the API's `active`), so no
 * event slips through between creating and pausing it. `unresolvedHost` names the URL's host when
 * it does not resolve yet (saved anyway; deliveries fail until it does).
 */
export async function createWebhook(
  actor: Actor,
  path: { namespace: string; name: string },
  input: WebhookInput,
  opts: { active?: boolean } = {},
): Promise<{ id: string; secret: string; unresolvedHost: string | null }> {
  const grant = await requireWebhookAdmin(actor, path);
  const { unresolvedHost } = await assertSafeWebhookUrl(input.url);
  const secret = newWebhookSecret();
  const actorId = actor.kind === "user" ? actor.userId : null;
  return transaction(async (tx) => {
    const n = await countUnderLock(tx, { table: repositories, id: repositories.id }, grant.repositoryId, {
      table: webhooks,
      parentId: webhooks.repositoryId,
    });
    if (n >= MAX_WEBHOOKS_PER_REPOSITORY)
      throw new ConflictError(
        `A repository can have at most ${MAX_WEBHOOKS_PER_REPOSITORY} webhooks. Delete one first.`,
      );
    const taken = await tx
      .select({ id: webhooks.id })
      .from(webhooks)
      .where(and(eq(webhooks.repositoryId, grant.repositoryId), eq(webhooks.name, input.webhookName)))
      .limit(1);
    if (taken.length > 0)
      throw new ValidationError("Please correct the highlighted fields.", {
        webhookName: [`${path.namespace}/${path.name} already has a webhook named ${input.webhookName}`],
      });
    const [row] = await tx
      .insert(webhooks)
      .values({
        repositoryId: grant.repositoryId,
        name: input.webhookName,
        url: input.url,
        ...triggerColumns(input.trigger),
        events: input.events,
        active: opts.active ?? true,
        secretEnc: encryptSecret(secret, "webhook-secret"),
        createdById: actorId,
      })
      .returning({ id: webhooks.id });
    await recordAudit(
      {
        ...auditActor(actor),
        namespaceId: grant.namespaceId,
        action: "webhook_created",
        target: `${grant.path}`,
        metadata: {
          webhook: input.webhookName,
          url: input.url,
          events: input.events,
          ...(opts.active === false ? { active: false } : {}),
        },
      },
      tx,
    );
    return { id: row!.id, secret, unresolvedHost };
  });
}
