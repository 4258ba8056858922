import crypto from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Actor } from "@/lib/authz/rules/repository-permissions";
import { createRepository } from "@/lib/services/repository/create";
import { updateSiteSetting } from "@/lib/services/site-setting/update";
import { createUser } from "@/lib/services/user/create";
import { createWebhook } from "@/lib/services/webhook/create";
import { webhookInputSchema } from "@/lib/validations/webhook";
import { waitForRows } from "@/tests/helpers/db";
import { uniqueName } from "@/tests/helpers/factory";
import { buildImage, pushImage } from "@/tests/helpers/oci-image";
import { fetchRegistryToken } from "@/tests/helpers/registry-token";
import { startWebhookReceiver } from "@/tests/helpers/webhook-receiver";

const c = inject("console");
const db = new pg.Pool({ connectionString: c.databaseUrl, max: 2 });
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  const { rows } = await db.query<{ id: string }>("select id from users where username = $1", [c.admin.username]);
  await updateSiteSetting({ kind: "user", userId: rows[0]!.id, isAdmin: true }, "webhooks.allow_private_targets", true);
});
afterAll(async () => {
  await receiver.close();
  await db.end();
});

async function ownerWithWebhook() {
  const username = uniqueName("rec");
  const password = `pw-${username}`;
  const { id } = await createUser({ username, email: `${username}@example.test`, password });
  const actor: Actor = { kind: "user", userId: id, isAdmin: false };
  await createRepository(actor, { namespace: username, name: "app", description: "", visibility: "private" });
  const { id: webhookId } = await createWebhook(
    actor,
    { namespace: username, name: "app" },
    webhookInputSchema.parse({
      webhookName: "all",
      url: receiver.url(`/rec-${username}`),
      triggerType: "all",
      events: ["push", "tag_deleted"],
    }),
  );
  return { username, password, repository: `${username}/app`, webhookId };
}

/** Read at once, never waited for: what the door wrote before its client heard the answer. */
async function recorded(repository: string, webhookId: string) {
  const { rows: tags } = await db.query<{ name: string; digest: string; pushed_by: string }>(
    `select t.name, t.digest, t.pushed_by from repository_tags t join repositories r on r.id = t.repository_id
     join namespaces n on n.id = r.namespace_id where n.name || '/' || r.name = $1 order by t.name`,
    [repository],
  );
  const { rows: deliveries } = await db.query<{ event: string; tag: string; pusher: string }>(
    `select event, tag, payload->'push_data'->>'pusher' as pusher from webhook_deliveries where webhook_id = $1 order by created_at, tag`,
    [webhookId],
  );
  return { tags, deliveries };
}

/** Waits until the registry's own notification of `action` for the repository has been stored. */
async function notificationArrived(repository: string, action: "push" | "delete", n = 1) {
  await waitForRows(
    c.databaseUrl,
    "select count(*)::int as n from registry_events where repository = $1 and action = $2 and id not like 'door-%'",
    [repository, action],
    (r) => (r[0]?.n ?? 0) >= n,
    15_000,
  );
}

describe("pushes and deletes recorded at the front door", () => {
  it("a push is in the index with its webhook queued before the client hears 201; the registry's notification and a repeated push announce nothing twice", async () => {
    const o = await ownerWithWebhook();
    const target = { registry: c.registryHost, repository: o.repository, username: o.username, password: o.password };
    const one = await buildImage({ layers: [{ files: { "1": crypto.randomUUID() } }] });
    await pushImage(one, { ...target, tag: "v1" });
    expect(await recorded(o.repository, o.webhookId)).toEqual({
      tags: [{ name: "v1", digest: one.manifestDigest, pushed_by: o.username }],
      deliveries: [{ event: "push", tag: "v1", pusher: o.username }],
    });

    // The registry's notification of the same push arrives a moment later: a cross-check only.
    await notificationArrived(o.repository, "push");
    // The same image pushed again (a client retrying after a failure it saw): not a new event.
    await pushImage(one, { ...target, tag: "v1" });
    await notificationArrived(o.repository, "push", 2);
    expect((await recorded(o.repository, o.webhookId)).deliveries).toHaveLength(1);

    // Another image on the tag is.
    const two = await buildImage({ layers: [{ files: { "2": crypto.randomUUID() } }] });
    await pushImage(two, { ...target, tag: "v1" });
    const after = await recorded(o.repository, o.webhookId);
    expect(after.tags).toEqual([{ name: "v1", digest: two.manifestDigest, pushed_by: o.username }]);
    expect(after.deliveries.map((d) => d.event)).toEqual(["push", "push"]);
  });

  it("a DELETE through the door takes the tag out and queues tag_deleted, naming the client, before the 202; the registry's delete events add nothing", async () => {
    const o = await ownerWithWebhook();
    const target = { registry: c.registryHost, repository: o.repository, username: o.username, password: o.password };
    const image = await buildImage({ layers: [{ files: { d: crypto.randomUUID() } }] });
    await pushImage(image, { ...target, tag: "old" });
    await pushImage(image, { ...target, tag: "same" });
    await notificationArrived(o.repository, "push", 2);

    const token = await fetchRegistryToken(c.url, [`repository:${o.repository}:pull,push,delete`], o);
    const res = await fetch(`http://${c.registryHost}/v2/${o.repository}/manifests/${image.manifestDigest}`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(202);
    const now = await recorded(o.repository, o.webhookId);
    expect(now.tags).toEqual([]);
    expect(now.deliveries.filter((d) => d.event === "tag_deleted")).toEqual([
      { event: "tag_deleted", tag: "old", pusher: o.username },
      { event: "tag_deleted", tag: "same", pusher: o.username },
    ]);
    await notificationArrived(o.repository, "delete");
    await new Promise((r) => setTimeout(r, 500));
    expect(
      (await recorded(o.repository, o.webhookId)).deliveries.filter((d) => d.event === "tag_deleted"),
    ).toHaveLength(2);
  });
});
