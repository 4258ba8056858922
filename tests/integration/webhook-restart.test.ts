import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { encryptSecret } from "@/lib/security/crypto";
import { hashPassword } from "@/lib/security/password";
import { verifySignature } from "@/lib/webhooks/signature";
import { startConsoleInstance, type ConsoleInstance } from "@/tests/harness/console-instance";
import { createTestDatabase, type TestDatabase } from "@/tests/harness/test-database";
import { waitForRows } from "@/tests/helpers/db";
import { uniqueName } from "@/tests/helpers/factory";
import { buildImage, pushImage } from "@/tests/helpers/oci-image";
import { startWebhookReceiver } from "@/tests/helpers/webhook-receiver";

const c = inject("console");
const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const f of cleanups.reverse()) await f().catch(() => undefined);
});

/** Every process under `pid` (the console, its Next.js server and its registry), deepest first. */
function descendants(pid: number): number[] {
  const table = execFileSync("ps", ["-e", "-o", "pid=,ppid="], { encoding: "utf8" })
    .trim()
    .split("\n")
    .map((l) => l.trim().split(/\s+/).map(Number) as [number, number]);
  const out: number[] = [];
  const walk = (p: number) => {
    for (const [child, parent] of table) if (parent === p) walk(child);
    out.push(p);
  };
  walk(pid);
  return out;
}

describe("durable webhook delivery", () => {
  it("a retry pending when the console is killed is delivered after it restarts", async () => {
    // A console of its own (its own database, registry and job worker), sharing only AUTH_SECRET
    // with this test so the webhook secret sealed here can be opened there.
    const database: TestDatabase = await createTestDatabase("rcp_restart");
    cleanups.push(() => database.drop());
    const receiver = await startWebhookReceiver();
    cleanups.push(() => receiver.close());
    const env = { AUTH_SECRET: c.authSecret, WEBHOOK_RETRY_BASE_SECONDS: "4" };
    let instance: ConsoleInstance = await startConsoleInstance({ databaseUrl: database.url, env });
    cleanups.push(() => instance.stop());

    const username = uniqueName("rs");
    const password = `pw-${username}`;
    const secret = `whsec_${crypto.randomBytes(24).toString("base64url")}`;
    const db = new pg.Client({ connectionString: database.url });
    await db.connect();
    cleanups.push(() => db.end());
    await db.query("insert into site_settings (key, value) values ('webhooks.allow_private_targets', 'true')");
    const {
      rows: [ns],
    } = await db.query<{ id: string }>("insert into namespaces (name, kind) values ($1, 'user') returning id", [
      username,
    ]);
    await db.query("insert into users (namespace_id, username, email, password_hash) values ($1, $2, $3, $4)", [
      ns!.id,
      username,
      `${username}@example.test`,
      await hashPassword(password),
    ]);
    const {
      rows: [repo],
    } = await db.query<{ id: string }>(
      "insert into repositories (namespace_id, name, visibility) values ($1, 'svc', 'private') returning id",
      [ns!.id],
    );
    const {
      rows: [hook],
    } = await db.query<{ id: string }>(
      "insert into webhooks (repository_id, name, url, trigger_type, events, secret_enc) values ($1, 'deploy', $2, 'all', array['push'], $3) returning id",
      [repo!.id, receiver.url("/deploy"), encryptSecret(secret, "webhook-secret")],
    );
    receiver.plan("/deploy", [500, 200]);

    const image = await buildImage({ layers: [{ files: { "r.txt": username } }] });
    await pushImage(image, {
      registry: instance.registryHost,
      repository: `${username}/svc`,
      tag: "1.0",
      username,
      password,
    });
    await receiver.waitFor("/deploy", 1);
    await waitForRows(
      database.url,
      "select status from webhook_deliveries where webhook_id = $1",
      [hook!.id],
      (r) => r[0]?.status === "retrying",
    );

    // Killed, not stopped: no process gets to clean up. The retry is due 4 s after the 500.
    for (const pid of descendants(instance.child.pid!)) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        /* already gone */
      }
    }
    await instance.stop();
    await new Promise((r) => setTimeout(r, 5000));
    expect(receiver.requests("/deploy")).toHaveLength(1);

    instance = await startConsoleInstance({ databaseUrl: database.url, dataDir: instance.dataDir, env });
    const requests = await receiver.waitFor("/deploy", 2, 20_000);
    const [delivery] = await waitForRows<{ status: string; attempts: number }>(
      database.url,
      "select status, attempts from webhook_deliveries where webhook_id = $1",
      [hook!.id],
      (r) => r[0]?.status === "succeeded",
    );
    expect(delivery).toMatchObject({ status: "succeeded", attempts: 2 });
    const { rows: attempts } = await db.query(
      "select attempt, status_code from webhook_delivery_attempts order by attempt",
    );
    expect(attempts).toEqual([
      { attempt: 1, status_code: 500 },
      { attempt: 2, status_code: 200 },
    ]);
    expect(requests[0]!.headers["x-dockyard-delivery"]).toBe(requests[1]!.headers["x-dockyard-delivery"]);
    expect(verifySignature(secret, requests[1]!.body, String(requests[1]!.headers["x-dockyard-signature"]))).toBe(true);
    expect(JSON.parse(requests[1]!.body)).toMatchObject({ push_data: { tag: "1.0", pusher: username } });
  });
});
