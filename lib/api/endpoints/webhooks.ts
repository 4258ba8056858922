import "server-only";
import { z } from "zod";
import { endpoint } from "@/lib/api/endpoint";
import { pageOf, paginateAll } from "@/lib/api/pagination";
import type { Actor } from "@/lib/authz/rules/repository-permissions";
import { listWebhooks, pendingDeliveryCounts, type WebhookSummary } from "@/lib/data/webhooks";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { createWebhook } from "@/lib/services/webhook/create";
import { deleteWebhook } from "@/lib/services/webhook/delete";
import { requireWebhookAdmin } from "@/lib/authz/require-webhook-admin";
import { setWebhookActive } from "@/lib/services/webhook/set-active";
import { triggerOf } from "@/lib/services/webhook/trigger-columns";
import { updateWebhook } from "@/lib/services/webhook/update";
import { repositoryPathParams } from "@/lib/validations/api/repositories";
import {
  createdWebhookResource,
  createWebhookBody,
  updatedWebhookResource,
  updateWebhookBody,
  webhookListQuery,
  webhookPathParams,
  webhookResource,
  type webhookWarning,
} from "@/lib/validations/api/webhooks";
import type { WebhookInput } from "@/lib/validations/webhook";

type RepositoryPath = { namespace: string; name: string };

function webhookJson(h: WebhookSummary, pending: number): z.input<typeof webhookResource> {
  return {
    id: h.id,
    name: h.name,
    url: h.url,
    trigger: triggerOf(h),
    events: h.events,
    active: h.active,
    created_at: h.createdAt.toISOString(),
    updated_at: h.updatedAt.toISOString(),
    last_delivery: h.lastDelivery
      ? {
          status: h.lastDelivery.status,
          event: h.lastDelivery.event,
          tag: h.lastDelivery.tag,
          created_at: h.lastDelivery.createdAt.toISOString(),
        }
      : null,
    pending_deliveries: pending,
  };
}

/**
 * A repository's webhooks as its admins see them (the webhook services' own check, so 404 for a
 * repository the user cannot see and 403 for one they see but do not administer).
 */
async function adminWebhooks(actor: Actor, path: RepositoryPath) {
  const grant = await requireWebhookAdmin(actor, path);
  // At most 10 per repository: the list read also serves single webhooks, with their last delivery.
  const hooks = await listWebhooks(grant.repositoryId);
  const pending = await pendingDeliveryCounts(hooks.map((h) => h.id));
  return hooks.map((h) => webhookJson(h, pending.get(h.id) ?? 0));
}

/** One webhook of the repository, or NotFound (an id from another repository is not found either). */
export async function adminWebhook(actor: Actor, path: RepositoryPath, id: string) {
  const hook = (await adminWebhooks(actor, path)).find((h) => h.id === id);
  if (!hook) throw new NotFoundError("That webhook does not exist.");
  return hook;
}

/** The save's warnings, worded as the webhook page's banner after a save on the website. */
function saveWarnings(unresolvedHost: string | null): Array<z.input<typeof webhookWarning>> {
  return unresolvedHost
    ? [
        {
          code: "HOST_UNRESOLVED",
          message: `${unresolvedHost} does not resolve yet; deliveries will fail until it does.`,
        },
      ]
    : [];
}

/** The services name fields as the form does (`webhookName`); the API's body calls it `name`. */
async function withApiFieldNames<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (!(err instanceof ValidationError) || !("webhookName" in err.fieldErrors)) throw err;
    const { webhookName, ...rest } = err.fieldErrors;
    throw new ValidationError(err.message, { ...rest, name: webhookName! });
  }
}

export const listWebhooksEndpoint = endpoint({
  operationId: "listWebhooks",
  method: "GET",
  path: "/repositories/{namespace}/{name}/webhooks",
  tag: "Webhooks",
  summary: "List a repository's webhooks with their latest delivery (admins)",
  scope: "read",
  params: repositoryPathParams,
  query: webhookListQuery,
  status: 200,
  response: pageOf(webhookResource),
  handler: async ({ params, query, actor, url }) => {
    return paginateAll(url, query.page, query.page_size, await adminWebhooks(actor, params));
  },
});

export const createWebhookEndpoint = endpoint({
  operationId: "createWebhook",
  method: "POST",
  path: "/repositories/{namespace}/{name}/webhooks",
  tag: "Webhooks",
  summary: "Add a webhook (admins; at most 10 per repository); the answer holds its signing secret",
  description:
    "A URL that resolves to a loopback, private, link-local or reserved address is refused (400, on `url`) unless the site operator allows private targets. A host that does not resolve in DNS yet is saved, with a `HOST_UNRESOLVED` entry in `warnings`. An invalid RE2 pattern is a 400 on `trigger.pattern`.",
  scope: "write",
  params: repositoryPathParams,
  body: createWebhookBody,
  status: 201,
  response: createdWebhookResource,
  handler: async ({ params, body, actor }) => {
    const input: WebhookInput = { webhookName: body.name, url: body.url, trigger: body.trigger, events: body.events };
    const { id, secret, unresolvedHost } = await withApiFieldNames(() =>
      createWebhook(actor, params, input, { active: body.active }),
    );
    return { ...(await adminWebhook(actor, params, id)), secret, warnings: saveWarnings(unresolvedHost) };
  },
});

export const getWebhookEndpoint = endpoint({
  operationId: "getWebhook",
  method: "GET",
  path: "/repositories/{namespace}/{name}/webhooks/{id}",
  tag: "Webhooks",
  summary: "Get a webhook (admins; its secret is never shown again)",
  scope: "read",
  params: webhookPathParams,
  status: 200,
  response: webhookResource,
  handler: async ({ params, actor }) => adminWebhook(actor, params, params.id),
});

export const updateWebhookEndpoint = endpoint({
  operationId: "updateWebhook",
  method: "PATCH",
  path: "/repositories/{namespace}/{name}/webhooks/{id}",
  tag: "Webhooks",
  summary: "Change a webhook's name, URL, trigger or events, or pause and resume it (admins)",
  description:
    "Fields left out keep their values. Changing any of name, url, trigger or events checks the URL against private targets again, as when editing on the website, and warns (`HOST_UNRESOLVED` in `warnings`) when its host does not resolve in DNS yet; changing only `active` checks nothing and warns of nothing.",
  scope: "write",
  params: webhookPathParams,
  body: updateWebhookBody,
  status: 200,
  response: updatedWebhookResource,
  handler: async ({ params, body, actor }) => {
    const before = await adminWebhook(actor, params, params.id);
    let unresolvedHost: string | null = null;
    if (body.name !== undefined || body.url !== undefined || body.trigger !== undefined || body.events !== undefined) {
      const input: WebhookInput = {
        webhookName: body.name ?? before.name,
        url: body.url ?? before.url,
        trigger: body.trigger ?? before.trigger,
        events: body.events ?? before.events,
      };
      ({ unresolvedHost } = await withApiFieldNames(() => updateWebhook(actor, params, params.id, input)));
    }
    // Only a real change is recorded: "resume" on a running webhook is not an event for the audit log.
    if (body.active !== undefined && body.active !== before.active)
      await setWebhookActive(actor, params, params.id, body.active);
    return { ...(await adminWebhook(actor, params, params.id)), warnings: saveWarnings(unresolvedHost) };
  },
});

export const deleteWebhookEndpoint = endpoint({
  operationId: "deleteWebhook",
  method: "DELETE",
  path: "/repositories/{namespace}/{name}/webhooks/{id}",
  tag: "Webhooks",
  summary: "Delete a webhook and its delivery log (admins); pending retries are dropped",
  // A webhook is configuration, not registry content: a Read & Write token may delete it.
  scope: "write",
  params: webhookPathParams,
  status: 204,
  response: null,
  handler: async ({ params, actor }) => {
    await deleteWebhook(actor, params, params.id);
  },
});

export const webhookEndpoints = [
  listWebhooksEndpoint,
  createWebhookEndpoint,
  getWebhookEndpoint,
  updateWebhookEndpoint,
  deleteWebhookEndpoint,
];
