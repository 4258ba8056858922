import crypto from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Actor } from "@/lib/authz/rules/repository-permissions";
import { listDeliveries } from "@/lib/data/webhooks";
import { jobQueues } from "@/lib/jobs/queues";
import { runDueJobs } from "@/lib/jobs/worker";
import { createRepository } from "@/lib/services/repository/create";
import { deleteRepository } from "@/lib/services/repository/delete";
import { deleteTags } from "@/lib/services/repository/delete-tags";
import { updateSiteSetting } from "@/lib/services/site-setting/update";
import { createUser } from "@/lib/services/user/create";
import { createWebhook } from "@/lib/services/webhook/create";
import { sendTestDelivery } from "@/lib/services/webhook/send-test";
import { ValidationError } from "@/lib/errors";
import { webhookInputSchema } from "@/lib/validations/webhook";
import { verifySignature } from "@/lib/webhooks/signature";
import { waitForRows } from "@/tests/helpers/db";
import { uniqueName } from "@/tests/helpers/factory";
import { buildImage, pushImage } from "@/tests/helpers/oci-image";
import { startWebhookReceiver } from "@/tests/helpers/webhook-receiver";

const c = inject("console");
const db = new pg.Pool({ connectionString: c.databaseUrl, max: 2 });
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let operator: Actor;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  const { rows } = await db.query<{ id: string }>("select id from users where username = $1", [c.admin.username]);
  operator = { kind: "user", userId: rows[0]!.id, isAdmin: true };
  // The receiver listens on loopback: the operator allows private targets for these tests.
  await updateSiteSetting(operator, "webhooks.allow_private_targets", true);
});
afterAll(async () => {
  await receiver.close();
  await db.end();
});

async function ownerWithRepository() {
  const username = uniqueName("wh");
  const password = `pw-${username}`;
  const { id } = await createUser({ username, email: `${username}@example.test`, password });
  const actor: Actor = { kind: "user", userId: id, isAdmin: false };
  await createRepository(actor, { namespace: username, name: "app", description: "", visibility: "private" });
  return { username, password, actor, path: { namespace: username, name: "app" }, repository: `${username}/app` };
}

const input = (v: Record<string, unknown>) => webhookInputSchema.parse({ triggerType: "all", events: ["push"], ...v });

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

describe("webhooks, delivered from the registry's push events", () => {
  it("a push whose tag matches the pattern is delivered once, signed; a tag that does not match sends nothing", async () => {
    const o = await ownerWithRepository();
    const path = `/regex-${o.username}`;
    const { id, secret } = await createWebhook(
      o.actor,
      o.path,
      input({ webhookName: "ci", url: receiver.url(path), triggerType: "regex", triggerPattern: "^v[0-9]+\\.[0-9]+$" }),
    );
    const image = await buildImage({ layers: [{ files: { "a.txt": crypto.randomBytes(64).toString("hex") } }] });
    await pushImage(image, {
      registry: c.registryHost,
      repository: o.repository,
      tag: "latest",
      username: o.username,
      password: o.password,
    });
    await pushImage(image, {
      registry: c.registryHost,
      repository: o.repository,
      tag: "v1.2",
      username: o.username,
      password: o.password,
    });
    const [request] = await receiver.waitFor(path, 1);
    // Both pushes are in the index (so both events were processed) before counting deliveries.
    await waitForRows(
      c.databaseUrl,
      "select t.name from repository_tags t where t.repository_id = (select repository_id from webhooks where id = $1)",
      [id],
      (r) => r.length === 2,
    );
    await settled(id);
    await new Promise((r) => setTimeout(r, 500));
    expect(receiver.requests(path)).toHaveLength(1);

    expect(request!.headers["content-type"]).toBe("application/json");
    expect(request!.headers["x-dockyard-event"]).toBe("push");
    expect(verifySignature(secret, request!.body, String(request!.headers["x-dockyard-signature"]))).toBe(true);
    expect(verifySignature("whsec_wrong", request!.body, String(request!.headers["x-dockyard-signature"]))).toBe(false);
    expect(
      verifySignature(secret, request!.body.replace("v1.2", "v9.9"), String(request!.headers["x-dockyard-signature"])),
    ).toBe(false);
    const body = JSON.parse(request!.body);
    expect(body).toMatchObject({
      event: "push",
      push_data: { tag: "v1.2", pusher: o.username, digest: image.manifestDigest },
      repository: {
        name: "app",
        namespace: o.username,
        repo_name: o.repository,
        is_private: true,
        status: "Active",
        star_count: 0,
      },
    });
    expect(typeof body.push_data.pushed_at).toBe("number");
    expect(body.repository.repo_url).toBe(`${c.url}/r/${o.repository}`);
    expect(body.callback_url).toMatch(
      new RegExp(`^${c.url}/api/webhooks/callback/${request!.headers["x-dockyard-delivery"]}/`),
    );

    // The receiver reports back through callback_url (Docker Hub's webhook chain).
    const cb = await fetch(body.callback_url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ state: "success", description: "deployed" }),
    });
    expect(cb.status).toBe(200);
    const forged = await fetch(body.callback_url.replace(/\/[^/]+$/, `/${"A".repeat(43)}`), {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ state: "failure" }),
    });
    expect(forged.status).toBe(404);
    const log = await listDeliveries(id, 1, 25);
    expect(log.items).toHaveLength(1);
    expect(log.items[0]).toMatchObject({
      event: "push",
      tag: "v1.2",
      status: "succeeded",
      attempts: 1,
      callbackState: "success",
      callbackDescription: "deployed",
    });

    // The owner pushed these themselves: no notification by default (Docker Hub does not tell you
    // about your own pushes; Settings → Notifications → "My own pushes" turns it on).
    const { rows: bell } = await db.query(
      "select n.title from notifications n join users u on u.id = n.user_id where u.username = $1 and n.kind in ('repository_push', 'own_push')",
      [o.username],
    );
    expect(bell).toEqual([]);
    expect(log.items[0]!.attemptLog.map((a) => a.statusCode)).toEqual([200]);
  });

  it("a receiver answering 500 twice then 200 gets three attempts, and the log shows each", async () => {
    const o = await ownerWithRepository();
    const path = `/flaky-${o.username}`;
    receiver.plan(path, [500, 500, 200]);
    const { id } = await createWebhook(
      o.actor,
      o.path,
      input({ webhookName: "flaky", url: receiver.url(path), triggerType: "tags", triggerTags: "1.0; 2.0" }),
    );
    const image = await buildImage({ layers: [{ files: { "b.txt": crypto.randomBytes(64).toString("hex") } }] });
    await pushImage(image, {
      registry: c.registryHost,
      repository: o.repository,
      tag: "1.0",
      username: o.username,
      password: o.password,
    });
    const requests = await receiver.waitFor(path, 3);
    await settled(id);
    expect(new Set(requests.map((r) => r.headers["x-dockyard-delivery"])).size).toBe(1);
    // Exponential backoff: the second gap is longer than the first.
    expect(requests[2]!.at - requests[1]!.at).toBeGreaterThan(requests[1]!.at - requests[0]!.at);
    const log = await listDeliveries(id, 1, 25);
    expect(log.items).toHaveLength(1);
    expect(log.items[0]).toMatchObject({ tag: "1.0", status: "succeeded", attempts: 3 });
    expect(log.items[0]!.attemptLog.map((a) => [a.attempt, a.statusCode])).toEqual([
      [1, 500],
      [2, 500],
      [3, 200],
    ]);
    expect(log.items[0]!.attemptLog[0]!.responseExcerpt).toBe("receiver says 500");
    expect(log.items[0]!.attemptLog.every((a) => a.durationMs !== null && a.finishedAt !== null)).toBe(true);
  });

  it("a secret this console cannot decrypt shows as a failed attempt with the reason, and nothing unsigned is sent", async () => {
    const o = await ownerWithRepository();
    const path = `/unsigned-${o.username}`;
    const { id } = await createWebhook(o.actor, o.path, input({ webhookName: "keys", url: receiver.url(path) }));
    // As if sealed by a console with other keys.
    await db.query("update webhooks set secret_enc = $2 where id = $1", [
      id,
      "v1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA.AAAA",
    ]);
    await sendTestDelivery(o.actor, o.path, id);
    const rows = await waitForRows(
      c.databaseUrl,
      "select a.error from webhook_delivery_attempts a join webhook_deliveries d on d.id = a.delivery_id where d.webhook_id = $1 and a.finished_at is not null",
      [id],
      (r) => r.length > 0,
      10_000,
    );
    expect(rows[0]!.error).toContain("could not sign this delivery");
    expect(receiver.requests(path)).toHaveLength(0);
    await db.query("delete from webhooks where id = $1", [id]); // stop its retries
  });

  it("a receiver that keeps failing with 4xx is not retried; the delivery is marked failed", async () => {
    const o = await ownerWithRepository();
    const path = `/gone-${o.username}`;
    receiver.plan(path, [410]);
    const { id } = await createWebhook(o.actor, o.path, input({ webhookName: "gone", url: receiver.url(path) }));
    await sendTestDelivery(o.actor, o.path, id);
    await receiver.waitFor(path, 1);
    await settled(id);
    const log = await listDeliveries(id, 1, 25);
    expect(log.items[0]).toMatchObject({ event: "test", tag: "test-tag", status: "failed", attempts: 1 });
    expect(receiver.requests(path)).toHaveLength(1);
  });

  it("deleting a tag sends tag_deleted naming who deleted it; deleting the repository sends repository_deleted once, and its tags' removal sends nothing", async () => {
    const o = await ownerWithRepository();
    const path = `/lifecycle-${o.username}`;
    const listed = `/listed-${o.username}`;
    const { id } = await createWebhook(
      o.actor,
      o.path,
      input({ webhookName: "all", url: receiver.url(path), events: ["tag_deleted", "repository_deleted"] }),
    );
    // Listed tags only: never told about the repository as a whole.
    const { id: listedId } = await createWebhook(
      o.actor,
      o.path,
      input({
        webhookName: "listed",
        url: receiver.url(listed),
        triggerType: "tags",
        triggerTags: "old",
        events: ["tag_deleted", "repository_deleted"],
      }),
    );
    const one = await buildImage({ layers: [{ files: { "1.txt": crypto.randomBytes(32).toString("hex") } }] });
    const two = await buildImage({ layers: [{ files: { "2.txt": crypto.randomBytes(32).toString("hex") } }] });
    await pushImage(one, {
      registry: c.registryHost,
      repository: o.repository,
      tag: "old",
      username: o.username,
      password: o.password,
    });
    await pushImage(two, {
      registry: c.registryHost,
      repository: o.repository,
      tag: "keep",
      username: o.username,
      password: o.password,
    });
    await waitForRows(
      c.databaseUrl,
      "select t.name from repository_tags t where t.repository_id = (select repository_id from webhooks where id = $1)",
      [id],
      (r) => r.length === 2,
    );

    await deleteTags(o.actor, { ...o.path, tags: ["old"] });
    const [deleted] = await receiver.waitFor(path, 1);
    expect(JSON.parse(deleted!.body)).toMatchObject({
      event: "tag_deleted",
      push_data: { tag: "old", pusher: o.username, digest: one.manifestDigest },
    });
    await receiver.waitFor(listed, 1);

    await deleteRepository(o.actor, { ...o.path, confirmation: o.repository });
    const requests = await receiver.waitFor(path, 2);
    expect(JSON.parse(requests[1]!.body)).toMatchObject({
      event: "repository_deleted",
      push_data: { tag: "", pusher: o.username },
      repository: { repo_name: o.repository, status: "Deleted" },
    });
    await settled(id);
    await new Promise((r) => setTimeout(r, 1000));
    expect(receiver.requests(path)).toHaveLength(2);
    expect(receiver.requests(listed)).toHaveLength(1);
    // The repository is gone; its webhooks stay only until nothing is pending for them.
    const { rows } = await db.query("select repository_id from webhooks where id = any($1::uuid[])", [[id, listedId]]);
    expect(rows.every((r) => r.repository_id === null)).toBe(true);
  });

  it("several workers claiming at once never deliver the same delivery twice", async () => {
    const o = await ownerWithRepository();
    const path = `/race-${o.username}`;
    const { id } = await createWebhook(o.actor, o.path, input({ webhookName: "race", url: receiver.url(path) }));
    for (let i = 0; i < 24; i++) await sendTestDelivery(o.actor, o.path, id);
    // Three more "console processes" (distinct worker ids) compete with the running console's own worker.
    const queues = { "webhook-delivery": jobQueues()["webhook-delivery"]! };
    await Promise.all(
      [1, 2, 3].map(async (w) => {
        for (let i = 0; i < 20; i++) await runDueJobs(queues, `test-worker-${w}`);
      }),
    );
    const requests = await receiver.waitFor(path, 24);
    await settled(id);
    await new Promise((r) => setTimeout(r, 300));
    const ids = receiver.requests(path).map((r) => String(r.headers["x-dockyard-delivery"]));
    expect(ids).toHaveLength(24);
    expect(new Set(ids).size).toBe(24);
    expect(requests.length).toBe(24);
  });
});

describe("webhook targets on private networks (SSRF)", () => {
  it("loopback, private, link-local and metadata addresses are refused unless the operator allows them", async () => {
    const o = await ownerWithRepository();
    await updateSiteSetting(operator, "webhooks.allow_private_targets", false);
    try {
      for (const url of [
        "http://127.0.0.1:9/hook",
        "http://169.254.169.254/latest/meta-data/",
        "http://localhost/x",
        "http://10.1.2.3/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://192.168.0.10/",
      ]) {
        const err = await createWebhook(
          o.actor,
          o.path,
          input({ webhookName: `h${crypto.randomBytes(3).toString("hex")}`, url }),
        ).catch((e: unknown) => e);
        expect(err, url).toBeInstanceOf(ValidationError);
        expect((err as ValidationError).fieldErrors.url?.[0], url).toMatch(/loopback, private, link-local or reserved/);
      }
    } finally {
      await updateSiteSetting(operator, "webhooks.allow_private_targets", true);
    }
    // Allowed by the operator, a loopback target can be saved…
    const path = `/ssrf-${o.username}`;
    const { id } = await createWebhook(o.actor, o.path, input({ webhookName: "local", url: receiver.url(path) }));
    // …and when the operator withdraws the permission, deliveries to it stop at once (checked again at delivery time).
    await updateSiteSetting(operator, "webhooks.allow_private_targets", false);
    try {
      await sendTestDelivery(o.actor, o.path, id);
      await settled(id);
    } finally {
      await updateSiteSetting(operator, "webhooks.allow_private_targets", true);
    }
    expect(receiver.requests(path)).toHaveLength(0);
    const log = await listDeliveries(id, 1, 25);
    expect(log.items[0]).toMatchObject({ status: "failed", attempts: 1 });
    expect(log.items[0]!.attemptLog[0]!.error).toMatch(/127\.0\.0\.1, a loopback, private/);
  });

  it("a host that does not resolve yet is saved with its name for the warning; deliveries to it fail in the log and are retried", async () => {
    const o = await ownerWithRepository();
    await updateSiteSetting(operator, "webhooks.allow_private_targets", false);
    try {
      // A name that resolves to loopback is still refused at save; only a name with no answer is let through.
      const local = await createWebhook(
        o.actor,
        o.path,
        input({ webhookName: "named", url: "http://localhost:9/x" }),
      ).catch((e: unknown) => e);
      expect(local).toBeInstanceOf(ValidationError);
      const saved = await createWebhook(
        o.actor,
        o.path,
        input({ webhookName: "later", url: "https://example.invalid/hook" }),
      );
      expect(saved.unresolvedHost).toBe("example.invalid");
      const resolved = await createWebhook(
        o.actor,
        o.path,
        input({ webhookName: "now", url: "http://93.184.215.15/x" }),
      );
      expect(resolved.unresolvedHost).toBeNull();

      await sendTestDelivery(o.actor, o.path, saved.id);
      await waitForRows(
        c.databaseUrl,
        `select count(*)::int as n from webhook_delivery_attempts a join webhook_deliveries d on d.id = a.delivery_id
         where d.webhook_id = $1 and a.finished_at is not null`,
        [saved.id],
        (r) => (r[0]?.n ?? 0) >= 2,
        20_000,
      );
      const log = await listDeliveries(saved.id, 1, 25);
      // Not a final failure: the DNS record may appear, so the usual backoff applies.
      expect(log.items[0]!.status).toMatch(/retrying|queued/);
      expect(log.items[0]!.attemptLog[0]!.error).toBe("The host example.invalid could not be resolved");
    } finally {
      await updateSiteSetting(operator, "webhooks.allow_private_targets", true);
    }
  });

  it("only site operators may change the setting", async () => {
    const o = await ownerWithRepository();
    await expect(updateSiteSetting(o.actor, "webhooks.allow_private_targets", true)).rejects.toThrow(/site operators/);
  });
});
