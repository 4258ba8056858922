import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { createPersonalAccessToken } from "@/lib/services/personal-access-token/create";
import { createRepository } from "@/lib/services/repository/create";
import { newUser } from "@/tests/helpers/accounts";
import { clientAddress } from "@/tests/helpers/factory";

/**
 * The console caches token and permission lookups in memory (lib/data/access-cache.ts). These
 * changes are written straight to the database from this process, as another console process
 * would, so only the database's notifications can tell the console: each must be refused within
 * moments, and with the notification connection cut the console must not serve what it cached.
 */
const c = inject("console");
const db = new pg.Pool({ connectionString: c.databaseUrl, max: 2 });
afterAll(() => db.end());

async function setUp() {
  const user = await newUser("ac");
  const { username } = user;
  const token = await createPersonalAccessToken(user.id, { description: "ci", scope: "read_write", expiry: "30" });
  await createRepository(
    { kind: "user", userId: user.id, isAdmin: false },
    { namespace: username, name: "app", description: "", visibility: "public" },
  );
  return { username, user, token, repository: `${username}/app` };
}

/** What the token service grants for `scope`, with these credentials (null: anonymous); null if refused. */
async function granted(
  repository: string,
  auth: { username: string; secret: string } | null,
  actions = "pull,push",
): Promise<string[] | null> {
  const res = await fetch(
    `${c.url}/api/registry/token?service=registry-console&scope=repository:${repository}:${actions}`,
    {
      headers: {
        "X-Forwarded-For": clientAddress(),
        ...(auth
          ? { Authorization: `Basic ${Buffer.from(`${auth.username}:${auth.secret}`).toString("base64")}` }
          : {}),
      },
    },
  );
  if (res.status !== 200) return null;
  const jwt = ((await res.json()) as { token: string }).token;
  const access = JSON.parse(Buffer.from(jwt.split(".")[1]!, "base64url").toString()).access as Array<{
    actions: string[];
  }>;
  return access.flatMap((a) => a.actions).sort();
}

/** Polls `check` until it holds; returns how long that took (ms), or fails after 3 s. */
async function within(check: () => Promise<boolean>): Promise<number> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > 3000) throw new Error("still allowed after 3 s");
    await new Promise((r) => setTimeout(r, 20));
  }
  return Date.now() - start;
}

describe("access cache", () => {
  it("a token deactivated by another process is refused within moments; a repository made private stops anonymous pulls", async () => {
    const s = await setUp();
    const auth = { username: s.username, secret: s.token.secret };
    // Warm: the same answers twice, so the second may come from the cache.
    expect(await granted(s.repository, auth)).toEqual(["pull", "push"]);
    expect(await granted(s.repository, auth)).toEqual(["pull", "push"]);
    expect(await granted(s.repository, null, "pull")).toEqual(["pull"]);

    await db.query("update personal_access_tokens set deactivated_at = now() where id = $1", [s.token.id]);
    expect(await within(async () => (await granted(s.repository, auth)) === null)).toBeLessThan(1000);

    await db.query(
      "update repositories r set visibility = 'private' from namespaces n where n.id = r.namespace_id and n.name = $1 and r.name = 'app'",
      [s.username],
    );
    expect(await within(async () => (await granted(s.repository, null, "pull"))?.length === 0)).toBeLessThan(1000);
  });

  it("a deactivated account's token is refused; with the notification connection cut, nothing cached is served", async () => {
    const s = await setUp();
    const auth = { username: s.username, secret: s.token.secret };
    expect(await granted(s.repository, auth)).toEqual(["pull", "push"]);
    expect(await granted(s.repository, auth)).toEqual(["pull", "push"]);

    // Cut the console's listening connection, as a database restart or a network fault would.
    const { rows } = await db.query<{ pid: number }>(
      "select pid from pg_stat_activity where datname = current_database() and application_name = 'console-access-cache'",
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) await db.query("select pg_terminate_backend($1)", [r.pid]);
    await new Promise((r) => setTimeout(r, 200));
    await db.query("update users set deactivated_at = now() where id = $1", [s.user.id]);
    // No notification can arrive now: the very next request must already see the change.
    expect(await granted(s.repository, auth)).toBeNull();

    // The console listens again (on a later lookup) and caching resumes without a restart.
    await within(
      async () =>
        (
          await db.query(
            "select 1 from pg_stat_activity where datname = current_database() and application_name = 'console-access-cache'",
          )
        ).rowCount! > 0,
    );
    await db.query("update users set deactivated_at = null where id = $1", [s.user.id]);
    expect(await within(async () => (await granted(s.repository, auth))?.length === 2)).toBeLessThan(1000);
  });

  it("this process's own writes apply to its very next request: create then read, revoke then use", async () => {
    const s = await setUp();
    const admin = await createPersonalAccessToken(s.user.id, {
      description: "admin",
      scope: "read_write_delete",
      expiry: "30",
    });
    const api = (path: string, init: RequestInit = {}, secret = admin.secret) =>
      fetch(`${c.url}/api/v1${path}`, {
        ...init,
        headers: {
          Authorization: `Bearer ${secret}`,
          "Content-Type": "application/json",
          "X-Forwarded-For": clientAddress(),
        },
      });
    for (let i = 0; i < 20; i++) {
      // Read first, so the cache holds "no such repository" when the create comes.
      expect((await api(`/repositories/${s.username}/r${i}`)).status).toBe(404);
      expect(
        (
          await api(`/namespaces/${s.username}/repositories`, {
            method: "POST",
            body: JSON.stringify({ name: `r${i}`, visibility: "private" }),
          })
        ).status,
      ).toBe(201);
      expect((await api(`/repositories/${s.username}/r${i}`)).status).toBe(200);
    }
    for (let i = 0; i < 10; i++) {
      const t = await createPersonalAccessToken(s.user.id, { description: `t${i}`, scope: "read", expiry: "30" });
      expect((await api("/user", {}, t.secret)).status).toBe(200);
      expect((await api(`/tokens/${t.id}`, { method: "PATCH", body: JSON.stringify({ active: false }) })).status).toBe(
        200,
      );
      expect((await api("/user", {}, t.secret)).status).toBe(401);
    }
  });
});
