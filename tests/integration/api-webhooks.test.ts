import crypto from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Actor } from "@/lib/authz/rules/repository-permissions";
import { allowPrivateWebhookTargets } from "@/lib/data/site-settings";
import { revealWebhookSecret } from "@/lib/services/webhook/reveal-secret";
import { updateSiteSetting } from "@/lib/services/site-setting/update";
import { verifySignature } from "@/lib/webhooks/signature";
import { openApiClient } from "@/tests/helpers/api";
import { apiUser, type ApiUser } from "@/tests/helpers/api-fixtures";
import { waitForRows } from "@/tests/helpers/db";
import { startWebhookReceiver } from "@/tests/helpers/webhook-receiver";

const c = inject("console");
const db = new pg.Pool({ connectionString: c.databaseUrl, max: 2 });
let api: Awaited<ReturnType<typeof openApiClient>>;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let operator: Actor;
let allowedBefore: boolean;
let owner: ApiUser;
let stranger: ApiUser;

// A public address that is never called: no test here pushes, and test deliveries go to the receiver.
const PUBLIC_URL = "http://93.184.215.14/hooks/dockyard";
const hookBody = (v: Record<string, unknown> = {}) => ({
  name: `h${crypto.randomBytes(3).toString("hex")}`,
  url: PUBLIC_URL,
  trigger: { type: "all" },
  events: ["push"],
  ...v,
});

beforeAll(async () => {
  api = await openApiClient(c.url);
  receiver = await startWebhookReceiver();
  const { rows } = await db.query<{ id: string }>("select id from users where username = $1", [c.admin.username]);
  operator = { kind: "user", userId: rows[0]!.id, isAdmin: true };
  allowedBefore = await allowPrivateWebhookTargets();
  [owner, stranger] = await Promise.all([apiUser("wo"), apiUser("wx")]);
  await api.call("createRepository", owner.tokens.read_write, {
    params: { namespace: owner.username },
    body: { name: "app", visibility: "private" },
  });
  await api.call("createRepository", owner.tokens.read_write, {
    params: { namespace: owner.username },
    body: { name: "pub", visibility: "public" },
  });
});
afterAll(async () => {
  // Other files rely on the setting as they left it.
  await updateSiteSetting(operator, "webhooks.allow_private_targets", allowedBefore);
  await receiver.close();
  await db.end();
});

const app = () => ({ namespace: owner.username, name: "app" });
const pub = () => ({ namespace: owner.username, name: "pub" });
const getHook = (path: { namespace: string; name: string }, id: string) =>
  api.call("getWebhook", owner.tokens.read, { params: { ...path, id } });
const countHooks = async (path: { namespace: string; name: string }) =>
  (await api.call("listWebhooks", owner.tokens.read, { params: path })).body.count;

/** Waits until no delivery of the webhook is queued or between retries. */
async function settled(webhookId: string) {
  await waitForRows(
    c.databaseUrl,
    "select count(*)::int as n from webhook_deliveries where webhook_id = $1 and status in ('queued', 'retrying')",
    [webhookId],
    (r) => r[0]?.n === 0,
    20_000,
  );
}

describe("webhooks over /api/v1", () => {
  it("an admin's Read & Write token creates, reads, changes, re-keys and deletes a webhook", async () => {
    const created = await api.call("createWebhook", owner.tokens.read_write, {
      params: app(),
      body: hookBody({ name: "ci", trigger: { type: "tags", tags: ["1.0", " latest ", "1.0"] } }),
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: "ci",
      url: PUBLIC_URL,
      trigger: { type: "tags", tags: ["1.0", "latest"] },
      events: ["push"],
      active: true,
      last_delivery: null,
      pending_deliveries: 0,
      warnings: [],
    });
    const id = created.body.id;
    expect(created.body.secret).toBe(await revealWebhookSecret(operator, app(), id));

    const list = await api.call("listWebhooks", owner.tokens.read, { params: app() });
    expect(list.body).toMatchObject({ count: 1, next: null });
    const { secret: _secret, warnings: _warnings, ...withoutSecret } = created.body;
    expect(list.body.results[0]).toEqual(withoutSecret);
    expect((await getHook(app(), id)).body).toEqual(withoutSecret);

    const patched = await api.call("updateWebhook", owner.tokens.read_write, {
      params: { ...app(), id },
      body: { trigger: { type: "regex", pattern: "^v[0-9]+$" }, events: ["push", "tag_deleted"], active: false },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      name: "ci",
      url: PUBLIC_URL,
      trigger: { type: "regex", pattern: "^v[0-9]+$" },
      events: ["push", "tag_deleted"],
      active: false,
      warnings: [],
    });
    expect(
      (
        await api.call("updateWebhook", owner.tokens.read_write, {
          params: { ...app(), id },
          body: { name: "deploy", active: true },
        })
      ).body,
    ).toMatchObject({ name: "deploy", active: true, trigger: { type: "regex" } });

    const rotated = await api.call("rotateWebhookSecret", owner.tokens.read_write, { params: { ...app(), id } });
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(created.body.secret);
    expect(await revealWebhookSecret(operator, app(), id)).toBe(rotated.body.secret);

    const paused = await api.call("createWebhook", owner.tokens.read_write, {
      params: app(),
      body: hookBody({ name: "paused", active: false }),
    });
    expect(paused.body.active).toBe(false);
    const taken = await api.call("createWebhook", owner.tokens.read_write, {
      params: app(),
      body: hookBody({ name: "deploy" }),
    });
    expect(taken.status).toBe(400);
    expect(taken.body.error.details.fieldErrors.name[0]).toMatch(/already has a webhook named deploy/);
    const renamed = await api.call("updateWebhook", owner.tokens.read_write, {
      params: { ...app(), id: paused.body.id },
      body: { name: "deploy" },
    });
    expect(Object.keys(renamed.body.error.details.fieldErrors)).toEqual(["name"]);

    expect((await api.call("deleteWebhook", owner.tokens.read_write, { params: { ...app(), id } })).status).toBe(204);
    expect((await getHook(app(), id)).status).toBe(404);
    const twice = await api.call("deleteWebhook", owner.tokens.read_write, { params: { ...app(), id } });
    expect(twice.status).toBe(404);
    expect(twice.body.error.code).toBe("NOT_FOUND");
    await api.call("deleteWebhook", owner.tokens.read_write, { params: { ...app(), id: paused.body.id } });
    expect(await countHooks(app())).toBe(0);

    const audit = await api.call("listAuditLog", owner.tokens.read, {
      params: { namespace: owner.username },
      query: { q: `${owner.username}/app`, page_size: 100 },
    });
    expect(audit.body.results.map((e: { action: string }) => e.action)).toEqual([
      "webhook_deleted",
      "webhook_deleted",
      "webhook_created",
      "webhook_secret_rotated",
      "webhook_enabled",
      "webhook_updated",
      "webhook_disabled",
      "webhook_updated",
      "webhook_created",
      "repository_created",
    ]);
    // Webhook URLs stay out of the log (they often carry a token).
    expect(JSON.stringify(audit.body)).not.toContain(PUBLIC_URL);
  });

  it("a host that does not resolve yet is saved with a HOST_UNRESOLVED warning, on create and on update, as the website warns", async () => {
    const unresolved = [
      { code: "HOST_UNRESOLVED", message: "example.invalid does not resolve yet; deliveries will fail until it does." },
    ];
    const created = await api.call("createWebhook", owner.tokens.read_write, {
      params: pub(),
      body: hookBody({ url: "https://example.invalid/hook" }),
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ url: "https://example.invalid/hook", warnings: unresolved });
    const id = created.body.id;
    // A warning belongs to the save that caused it: reading the webhook does not repeat it.
    expect((await getHook(pub(), id)).body).not.toHaveProperty("warnings");

    const patch = (body: Record<string, unknown>) =>
      api.call("updateWebhook", owner.tokens.read_write, { params: { ...pub(), id }, body });
    const resolvable = await patch({ url: PUBLIC_URL });
    expect(resolvable.status).toBe(200);
    expect(resolvable.body.warnings).toEqual([]);
    const back = await patch({ url: "https://example.invalid/other" });
    expect(back.body).toMatchObject({ url: "https://example.invalid/other", warnings: unresolved });
    // Any saved field checks the URL again, as the website's edit form does; pausing alone checks nothing.
    expect((await patch({ name: "renamed" })).body.warnings).toEqual(unresolved);
    expect((await patch({ active: false })).body).toMatchObject({ active: false, warnings: [] });

    // The OpenAPI document names the field and its code on both operations.
    const doc = await (await fetch(`${c.url}/api/v1/openapi.json`)).json();
    const ops = doc.paths["/repositories/{namespace}/{name}/webhooks"].post.responses["201"];
    const upd = doc.paths["/repositories/{namespace}/{name}/webhooks/{id}"].patch.responses["200"];
    for (const response of [ops, upd]) {
      const schema = response.content["application/json"].schema;
      expect(schema.required).toContain("warnings");
      expect(schema.properties.warnings.items.properties.code.enum).toEqual(["HOST_UNRESOLVED"]);
    }
    await api.call("deleteWebhook", owner.tokens.read_write, { params: { ...pub(), id } });
  });

  it("invalid bodies get a 400 naming the fields, trigger.pattern for an invalid RE2 pattern", async () => {
    const bad = async (body: unknown) => {
      const r = await api.call("createWebhook", owner.tokens.read_write, { params: app(), body });
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe("VALIDATION_FAILED");
      return r.body.error.details.fieldErrors as Record<string, string[]>;
    };
    expect((await bad(hookBody({ trigger: { type: "regex", pattern: "^(?=v)" } })))["trigger.pattern"]![0]).toMatch(
      /Not a valid RE2 regular expression/,
    );
    expect((await bad(hookBody({ trigger: { type: "regex", pattern: "(a)\\1" } })))["trigger.pattern"]![0]).toMatch(
      /RE2/,
    );
    expect((await bad(hookBody({ trigger: { type: "tags", tags: ["ok", "not a tag"] } })))["trigger.tags"]).toEqual([
      "Not valid tag names: not a tag",
    ]);
    expect((await bad(hookBody({ trigger: { type: "tags", tags: [] } })))["trigger.tags"]).toEqual([
      "List at least one tag",
    ]);
    expect(Object.keys(await bad(hookBody({ trigger: { type: "sometimes" } })))).toEqual(["trigger.type"]);
    expect(
      Object.keys(await bad({ name: "1x", url: "ftp://example.com/", trigger: { type: "all" }, events: [] })).sort(),
    ).toEqual(["events", "name", "url"]);
    expect(Object.keys(await bad(hookBody({ events: ["pushed"], active: "yes" })))).toEqual(["events.0", "active"]);
    const created = await api.call("createWebhook", owner.tokens.read_write, { params: app(), body: hookBody() });
    const empty = await api.call("updateWebhook", owner.tokens.read_write, {
      params: { ...app(), id: created.body.id },
      body: {},
    });
    expect(empty.status).toBe(400);
    const pattern = await api.call("updateWebhook", owner.tokens.read_write, {
      params: { ...app(), id: created.body.id },
      body: { trigger: { type: "regex", pattern: "[" } },
    });
    expect(pattern.body.error.details.fieldErrors["trigger.pattern"]).toBeDefined();
    expect((await getHook(app(), created.body.id)).body.trigger).toEqual({ type: "all" });
    expect((await api.call("getWebhook", owner.tokens.read, { params: { ...app(), id: "nope" } })).status).toBe(400);
    await api.call("deleteWebhook", owner.tokens.read_write, { params: { ...app(), id: created.body.id } });
  });

  it("a Read-only token reads but changes nothing", async () => {
    const hook = (await api.call("createWebhook", owner.tokens.read_write, { params: app(), body: hookBody() })).body;
    const p = { ...app(), id: hook.id };
    const before = (await getHook(app(), hook.id)).body;
    const attempts = [
      api.call("createWebhook", owner.tokens.read, { params: app(), body: hookBody() }),
      api.call("updateWebhook", owner.tokens.read, { params: p, body: { active: false } }),
      api.call("deleteWebhook", owner.tokens.read, { params: p }),
      api.call("sendWebhookTest", owner.tokens.read, { params: p }),
      api.call("rotateWebhookSecret", owner.tokens.read, { params: p }),
      api.call("redeliverWebhookDelivery", owner.tokens.read, { params: { ...p, deliveryId: crypto.randomUUID() } }),
    ];
    for (const r of await Promise.all(attempts)) {
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe("INSUFFICIENT_SCOPE");
    }
    expect((await getHook(app(), hook.id)).body).toEqual(before);
    expect(await countHooks(app())).toBe(1);
    expect(await revealWebhookSecret(operator, app(), hook.id)).toBe(hook.secret);
    expect((await api.call("listWebhookDeliveries", owner.tokens.read, { params: p })).body.count).toBe(0);
    await api.call("deleteWebhook", owner.tokens.read_write, { params: p });
  });

  it("another user's token: 404 on a private repository's webhooks, 403 on a public one's, and nothing changes", async () => {
    for (const [path, status, code] of [
      [app(), 404, "NOT_FOUND"],
      [pub(), 403, "FORBIDDEN"],
    ] as const) {
      const hook = (await api.call("createWebhook", owner.tokens.read_write, { params: path, body: hookBody() })).body;
      const before = (await getHook(path, hook.id)).body;
      const p = { ...path, id: hook.id };
      const t = stranger.tokens.read_write_delete;
      const attempts = [
        api.call("listWebhooks", t, { params: path }),
        api.call("createWebhook", t, { params: path, body: hookBody({ name: "planted" }) }),
        api.call("getWebhook", t, { params: p }),
        api.call("updateWebhook", t, { params: p, body: { url: "http://93.184.215.15/mine" } }),
        api.call("deleteWebhook", t, { params: p }),
        api.call("sendWebhookTest", t, { params: p }),
        api.call("rotateWebhookSecret", t, { params: p }),
        api.call("listWebhookDeliveries", t, { params: p }),
        api.call("redeliverWebhookDelivery", t, { params: { ...p, deliveryId: crypto.randomUUID() } }),
      ];
      for (const r of await Promise.all(attempts)) {
        expect(r.status, JSON.stringify(r.body)).toBe(status);
        expect(r.body.error.code).toBe(code);
      }
      expect((await getHook(path, hook.id)).body).toEqual(before);
      expect(await countHooks(path)).toBe(1);
      expect(await revealWebhookSecret(operator, path, hook.id)).toBe(hook.secret);
      expect((await api.call("listWebhookDeliveries", owner.tokens.read, { params: p })).body.count).toBe(0);
      await api.call("deleteWebhook", owner.tokens.read_write, { params: p });
    }
  });

  it("private targets are refused over the API unless the operator allows them, on create and on change", async () => {
    await updateSiteSetting(operator, "webhooks.allow_private_targets", false);
    const hook = (await api.call("createWebhook", owner.tokens.read_write, { params: app(), body: hookBody() })).body;
    for (const url of [
      receiver.url("/ssrf"),
      "http://169.254.169.254/latest/meta-data/",
      "http://localhost/x",
      "http://10.1.2.3/",
      "http://[::1]/",
    ]) {
      const r = await api.call("createWebhook", owner.tokens.read_write, { params: app(), body: hookBody({ url }) });
      expect(r.status, url).toBe(400);
      expect(r.body.error.code).toBe("VALIDATION_FAILED");
      expect(r.body.error.details.fieldErrors.url[0], url).toMatch(/loopback, private, link-local or reserved/);
      const moved = await api.call("updateWebhook", owner.tokens.read_write, {
        params: { ...app(), id: hook.id },
        body: { url },
      });
      expect(moved.body.error.details.fieldErrors.url[0], url).toMatch(/loopback, private, link-local or reserved/);
    }
    expect(await countHooks(app())).toBe(1);
    expect((await getHook(app(), hook.id)).body.url).toBe(PUBLIC_URL);

    await updateSiteSetting(operator, "webhooks.allow_private_targets", true);
    const local = await api.call("createWebhook", owner.tokens.read_write, {
      params: app(),
      body: hookBody({ url: receiver.url("/ssrf") }),
    });
    expect(local.status).toBe(201);
    for (const id of [hook.id, local.body.id])
      await api.call("deleteWebhook", owner.tokens.read_write, { params: { ...app(), id } });
  });

  it("a test delivery reaches the receiver signed and shows in the delivery log with its attempt; a redelivery is a new delivery", async () => {
    await updateSiteSetting(operator, "webhooks.allow_private_targets", true);
    const path = `/api-${owner.username}`;
    const hook = (
      await api.call("createWebhook", owner.tokens.read_write, {
        params: app(),
        body: hookBody({ url: receiver.url(path), active: false }),
      })
    ).body;
    const p = { ...app(), id: hook.id };

    // Sent even though the webhook is paused: the test button checks the receiver.
    const test = await api.call("sendWebhookTest", owner.tokens.read_write, { params: p });
    expect(test.status).toBe(202);
    const [request] = await receiver.waitFor(path, 1);
    expect(request!.headers["x-dockyard-delivery"]).toBe(test.body.delivery_id);
    expect(verifySignature(hook.secret, request!.body, String(request!.headers["x-dockyard-signature"]))).toBe(true);
    await settled(hook.id);

    const log = await api.call("listWebhookDeliveries", owner.tokens.read, { params: p });
    expect(log.body).toMatchObject({ count: 1, next: null });
    const [delivery] = log.body.results;
    expect(delivery).toMatchObject({
      id: test.body.delivery_id,
      event: "test",
      tag: "test-tag",
      status: "succeeded",
      redelivery_of: null,
      payload: { event: "test" },
    });
    expect(delivery.attempts).toHaveLength(1);
    expect(delivery.attempts[0]).toMatchObject({
      attempt: 1,
      url: receiver.url(path),
      status_code: 200,
      error: null,
      response_excerpt: "thanks",
    });
    expect(delivery.attempts[0].duration_ms).toBeGreaterThanOrEqual(0);
    expect((await getHook(app(), hook.id)).body).toMatchObject({
      last_delivery: { status: "succeeded", event: "test", tag: "test-tag" },
      pending_deliveries: 0,
    });

    const again = await api.call("redeliverWebhookDelivery", owner.tokens.read_write, {
      params: { ...p, deliveryId: delivery.id },
    });
    expect(again.status).toBe(202);
    expect(again.body.delivery_id).not.toBe(delivery.id);
    const requests = await receiver.waitFor(path, 2);
    expect(requests[1]!.headers["x-dockyard-delivery"]).toBe(again.body.delivery_id);
    await settled(hook.id);
    const page1 = await api.call("listWebhookDeliveries", owner.tokens.read, { params: p, query: { page_size: 1 } });
    expect(page1.body).toMatchObject({
      count: 2,
      results: [
        {
          id: again.body.delivery_id,
          redelivery_of: delivery.id,
          status: "succeeded",
          attempts: [{ attempt: 1, status_code: 200 }],
        },
      ],
    });
    const page2 = await api.call("listWebhookDeliveries", owner.tokens.read, {
      params: p,
      query: Object.fromEntries(new URL(page1.body.next).searchParams),
    });
    expect(page2.body.results.map((d: { id: string }) => d.id)).toEqual([delivery.id]);

    const unknown = await api.call("redeliverWebhookDelivery", owner.tokens.read_write, {
      params: { ...p, deliveryId: crypto.randomUUID() },
    });
    expect(unknown.status).toBe(404);
    expect((await api.call("listWebhookDeliveries", owner.tokens.read, { params: p })).body.count).toBe(2);
    await api.call("deleteWebhook", owner.tokens.read_write, { params: p });
  });
});
