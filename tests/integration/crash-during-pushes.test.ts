import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Actor } from "@/lib/authz/rules/repository-permissions";
import { createRepository } from "@/lib/services/repository/create";
import { updateSiteSetting } from "@/lib/services/site-setting/update";
import { createUser } from "@/lib/services/user/create";
import { createWebhook } from "@/lib/services/webhook/create";
import { webhookInputSchema } from "@/lib/validations/webhook";
import { startConsoleInstance, type ConsoleInstance } from "@/tests/harness/console-instance";
import { waitForRows } from "@/tests/helpers/db";
import { uniqueName } from "@/tests/helpers/factory";
import { buildImage, pushImage, type BuiltImage } from "@/tests/helpers/oci-image";
import { startWebhookReceiver } from "@/tests/helpers/webhook-receiver";

/**
 * The scenario a new user ran into before the front door recorded pushes: tags pushed one after
 * another, the console's web server (and here its registry too) killed with SIGKILL a few seconds
 * in. The start command must bring both back, and afterwards the index, the pull counts and the webhooks must match
 * exactly what the clients saw succeed (a client that saw a failure retries, as docker users do).
 */
const c = inject("console");
const db = new pg.Pool({ connectionString: c.databaseUrl, max: 2 });
const TAGS = 40;
let instance: ConsoleInstance;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  const { rows } = await db.query<{ id: string }>("select id from users where username = $1", [c.admin.username]);
  await updateSiteSetting({ kind: "user", userId: rows[0]!.id, isAdmin: true }, "webhooks.allow_private_targets", true);
  // A console of its own (its own registry and web server, to kill), on the shared database with
  // the shared console's keys, so this process's services can set up users and webhooks for it.
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "rcp-crash-"));
  await fs.cp(path.join(c.dataDir, "keys"), path.join(dataDir, "keys"), { recursive: true });
  instance = await startConsoleInstance({ databaseUrl: c.databaseUrl, dataDir });
}, 120_000);
afterAll(async () => {
  await instance?.stop();
  await receiver.close();
  await db.end();
});

/** The pid of one of the start command's children (the web server, the registry). */
function childPid(pattern: string): number {
  const out = execFileSync("pgrep", ["-P", String(instance.child.pid), "-f", pattern], { encoding: "utf8" });
  return Number(out.trim().split("\n")[0]);
}

/** Retries until the operation succeeds, as a user would; returns how many attempts failed. */
async function untilItWorks(op: () => Promise<boolean>): Promise<number> {
  const deadline = Date.now() + 90_000;
  let failures = 0;
  while (!(await op().catch(() => false))) {
    failures++;
    if (Date.now() > deadline) throw new Error("still failing after 90 s");
    await new Promise((r) => setTimeout(r, 250));
  }
  return failures;
}

describe("the web server killed in the middle of a push loop", () => {
  it(
    "comes back, and the index, pull counts and webhook deliveries match what the clients saw, exactly",
    { timeout: 240_000 },
    async () => {
      const username = uniqueName("crash");
      const password = `pw-${username}`;
      const { id } = await createUser({ username, email: `${username}@example.test`, password });
      const actor: Actor = { kind: "user", userId: id, isAdmin: false };
      await createRepository(actor, { namespace: username, name: "app", description: "", visibility: "private" });
      const repository = `${username}/app`;
      const hook = `/crash-${username}`;
      const { id: webhookId } = await createWebhook(
        actor,
        { namespace: username, name: "app" },
        webhookInputSchema.parse({ webhookName: "ci", url: receiver.url(hook), triggerType: "all", events: ["push"] }),
      );
      const images: BuiltImage[] = [];
      for (let i = 0; i < TAGS; i++)
        images.push(await buildImage({ layers: [{ files: { [`${i}.txt`]: crypto.randomUUID() } }] }));

      const pid = childPid("web-server.ts");
      const registryPid = childPid("docker-registry");
      const started = Date.now();
      let killed = false;
      // The registry too, at the same moment: the notifications it had not delivered die with it,
      // so what the index knows afterwards is what the door recorded (and reconciliation found).
      const killer = setTimeout(() => {
        process.kill(pid, "SIGKILL");
        process.kill(registryPid, "SIGKILL");
        killed = true;
      }, 4000);
      const pulled = new Map<string, number>();
      let failures = 0;
      try {
        for (let i = 0; i < TAGS; i++) {
          const tag = `t${i}`;
          failures += await untilItWorks(async () => {
            await pushImage(images[i]!, { registry: instance.registryHost, repository, tag, username, password });
            return true;
          });
          // Each tag pulled once, by tag, with the client's own token.
          failures += await untilItWorks(async () => {
            const scope = `repository:${repository}:pull`;
            const auth = `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`;
            const t = await fetch(`${instance.url}/api/registry/token?service=registry-console&scope=${scope}`, {
              headers: { authorization: auth },
            });
            if (t.status !== 200) return false;
            const res = await fetch(`${instance.url}/v2/${repository}/manifests/${tag}`, {
              headers: {
                authorization: `Bearer ${(await t.json()).token}`,
                accept: "application/vnd.oci.image.manifest.v1+json",
              },
            });
            await res.arrayBuffer();
            if (res.status !== 200) return false;
            pulled.set(tag, (pulled.get(tag) ?? 0) + 1);
            return true;
          });
        }
      } finally {
        clearTimeout(killer);
      }
      // The kill happened while the loop ran, and clients saw it.
      expect(killed).toBe(true);
      expect(failures).toBeGreaterThan(0);
      expect(Date.now() - started).toBeGreaterThan(4000);
      expect(instance.output()).toContain("web server restarted");
      expect(childPid("web-server.ts")).not.toBe(pid);
      expect(childPid("docker-registry")).not.toBe(registryPid);

      // The index: every tag on the image its client pushed, nothing else.
      const { rows: tags } = await db.query<{ name: string; digest: string; pull_count: string }>(
        `select t.name, t.digest, t.pull_count + (select count(*) from registry_pull_queue q where q.repository_id = t.repository_id and q.tag = t.name) as pull_count
         from repository_tags t join repositories r on r.id = t.repository_id join namespaces n on n.id = r.namespace_id
         where n.name = $1 and r.name = 'app' order by t.name`,
        [username],
      );
      const expected = images.map((img, i) => ({ name: `t${i}`, digest: img.manifestDigest }));
      expect(tags.map(({ name, digest }) => ({ name, digest }))).toEqual(
        expected.sort((a, b) => (a.name < b.name ? -1 : 1)),
      );
      // Pull counts: each tag exactly as often as a client got it.
      expect(Object.fromEntries(tags.map((t) => [t.name, Number(t.pull_count)]))).toEqual(Object.fromEntries(pulled));

      // Webhooks: one delivery per pushed tag, none twice, none missing.
      await waitForRows(
        c.databaseUrl,
        "select count(*)::int as n from webhook_deliveries where webhook_id = $1 and status = 'succeeded'",
        [webhookId],
        (r) => (r[0]?.n ?? 0) >= TAGS,
        30_000,
      );
      await new Promise((r) => setTimeout(r, 1500)); // a late duplicate would arrive by now
      const delivered = receiver.requests(hook).map((r) => JSON.parse(r.body).push_data.tag as string);
      expect(delivered.sort()).toEqual(expected.map((e) => e.name).sort());
    },
  );
});
