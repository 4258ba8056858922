import crypto from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { listTags } from "@/lib/data/registry-index";
import { createRepository } from "@/lib/services/repository/create";
import { createUser } from "@/lib/services/user/create";
import { uniqueName } from "@/tests/helpers/factory";

/**
 * repositories.tag_count is what the tag list answers as its total; triggers on repository_tags keep
 * it. These tests drive the index through the console's event endpoint (pushes, re-pushes, replays,
 * deletes) and compare the counter with a real count after every step.
 */
const c = inject("console");
const MEDIA = "application/vnd.oci.image.manifest.v1+json";
let sql: pg.Client;

beforeAll(async () => {
  sql = new pg.Client({ connectionString: c.databaseUrl });
  await sql.connect();
});
afterAll(() => sql.end());

const digest = (s: string) => `sha256:${crypto.createHash("sha256").update(s).digest("hex")}`;
const event = (action: "push" | "delete", repository: string, fields: { tag?: string; digest?: string }, at: Date) => ({
  id: crypto.randomUUID(),
  timestamp: at.toISOString(),
  action,
  target: { ...(action === "push" ? { mediaType: MEDIA, size: 100, length: 100 } : {}), repository, ...fields },
  request: { id: "r", addr: "127.0.0.1:1", host: "h", method: action === "push" ? "PUT" : "DELETE", useragent: "test" },
  actor: { name: "test" },
});

async function post(events: unknown[]) {
  const res = await fetch(new URL("/api/registry/events", c.url), {
    method: "POST",
    headers: { Authorization: `Bearer ${c.eventsSecret}` },
    body: JSON.stringify({ events }),
  });
  expect(res.status).toBe(200);
}

async function counts(repositoryId: string) {
  const { rows } = await sql.query<{ counter: number; real: number }>(
    `select r.tag_count as counter, (select count(*)::int from repository_tags t where t.repository_id = r.id) as real from repositories r where r.id = $1`,
    [repositoryId],
  );
  return rows[0]!;
}

describe("repository tag count", () => {
  it("follows pushes, re-pushes, replays and deletes exactly, and is the tag list's total", async () => {
    const username = uniqueName("tc");
    const { id: userId } = await createUser({
      username,
      email: `${username}@example.test`,
      password: `pw-${username}-x`,
    });
    await createRepository(
      { kind: "user", userId, isAdmin: false },
      { namespace: username, name: "app", description: "", visibility: "public" },
    );
    const { rows } = await sql.query<{ id: string }>(
      `select r.id from repositories r join namespaces n on n.id = r.namespace_id where n.name = $1 and r.name = 'app'`,
      [username],
    );
    const repositoryId = rows[0]!.id;
    const repository = `${username}/app`;
    const t0 = Date.now() - 60_000;

    // 50 tags in one envelope, 10 of them sharing one digest.
    const pushes = Array.from({ length: 50 }, (_, i) =>
      event("push", repository, { tag: `t${i}`, digest: digest(i < 10 ? "shared" : `d${i}`) }, new Date(t0 + i)),
    );
    await post(pushes);
    expect(await counts(repositoryId)).toEqual({ counter: 50, real: 50 });

    // A replay of the same envelope and a newer push of existing tags add nothing.
    await post(pushes);
    await post([
      event("push", repository, { tag: "t1", digest: digest("newer") }, new Date(t0 + 1000)),
      event("push", repository, { tag: "t2", digest: digest("newer") }, new Date(t0 + 1000)),
    ]);
    expect(await counts(repositoryId)).toEqual({ counter: 50, real: 50 });

    // Deleting a digest removes every tag on it (the 8 shared ones left, t1 and t2 moved away).
    await post([event("delete", repository, { digest: digest("shared") }, new Date(t0 + 2000))]);
    expect(await counts(repositoryId)).toEqual({ counter: 42, real: 42 });
    // Deleting one tag by name, twice (a replay), and a tag that does not exist.
    const del = event("delete", repository, { tag: "t20" }, new Date(t0 + 3000));
    await post([del, del, event("delete", repository, { tag: "nope" }, new Date(t0 + 3000))]);
    expect(await counts(repositoryId)).toEqual({ counter: 41, real: 41 });

    const page = await listTags({ repositoryId, q: "", sort: "pushed", page: 1, pageSize: 25 });
    expect(page.total).toBe(41);
    expect(page.items).toHaveLength(25);
    expect(page.items[0]!.name).toMatch(/^t[12]$/); // the newest pushes come first
    const filtered = await listTags({ repositoryId, q: "t4", sort: "name", page: 1, pageSize: 25 });
    expect(filtered.items.map((t) => t.name)).toEqual([
      "t40",
      "t41",
      "t42",
      "t43",
      "t44",
      "t45",
      "t46",
      "t47",
      "t48",
      "t49",
    ]);
    expect(filtered.total).toBe(10); // t4 was on the deleted shared digest
  });
});
