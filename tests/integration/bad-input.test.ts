import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createOrganization } from "@/lib/services/organization/create";
import { createPersonalAccessToken } from "@/lib/services/personal-access-token/create";
import { createTeam } from "@/lib/services/team/create";
import { createUser } from "@/lib/services/user/create";
import { clientAddress, uniqueName } from "@/tests/helpers/factory";

/**
 * Every field of the JSON API's write operations, and the path and query parameters of its reads,
 * with hostile values: each answer is either a success that stored the value exactly as sent (and
 * the page shows it as text), or a 4xx JSON error with a stable code that stored nothing. Never a
 * 5xx, never an HTML error page, never a stack trace.
 */
const c = inject("console");
const db = new pg.Pool({ connectionString: c.databaseUrl, max: 2 });
afterAll(() => db.end());

const HUGE = "x".repeat(1024 * 1024);
const STRINGS: Record<string, string> = {
  empty: "",
  "1 MB": HUGE,
  unicode: "名前 🚀 ‮evil‬ é",
  "control characters": "a\u0000b\u0007c\u001b[31md",
  sql: "' or 1=1; drop table users; --",
  html: `<script>alert(1)</script><img src=x onerror="alert(1)">`,
  "path traversal": "../../../etc/passwd",
};
const WRONG_TYPES: Record<string, unknown> = { number: 42, boolean: true, null: null, array: ["a"], object: { a: 1 } };
const RAW_BODIES: Record<string, string> = {
  "truncated JSON": '{"name": "x',
  "not an object": "[1,2]",
  "bare null": "null",
  "not JSON": "name=x",
  "BOM + JSON": '\uFEFF{"name":"x"}',
};

let token = "";
let user = "";
let org = "";
let teamId = "";

beforeAll(async () => {
  user = uniqueName("bi");
  const u = await createUser({ username: user, email: `${user}@example.test`, password: `pw-${user}-x` });
  token = (
    await createPersonalAccessToken(u.id, { description: "bad input", scope: "read_write_delete", expiry: "30" })
  ).secret;
  org = uniqueName("biorg");
  await createOrganization(u.id, { name: org, displayName: "" });
  teamId = (await createTeam({ org, actorId: u.id, name: "team", description: "" })).id;
  await call("POST", `/namespaces/${user}/repositories`, { name: "base", visibility: "public" });
});

async function call(
  method: string,
  path: string,
  body?: unknown,
  raw?: string,
): Promise<{ status: number; text: string; json: unknown }> {
  const res = await fetch(`${c.url}/api/v1${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      "X-Forwarded-For": clientAddress(),
      ...(body !== undefined || raw !== undefined ? { "Content-Type": "application/json" } : {}),
    },
    body: raw ?? (body !== undefined ? JSON.stringify(body) : undefined),
  });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    // asserted below
  }
  return { status: res.status, text, json };
}

/** Row counts of every table a write could touch: a refused request must leave them all as they were. */
async function fingerprint(): Promise<string> {
  const tables = [
    "repositories",
    "personal_access_tokens",
    "webhooks",
    "organizations",
    "teams",
    "team_members",
    "team_repository_permissions",
    "organization_invitations",
    "namespaces",
  ];
  const { rows } = await db.query(`select ${tables.map((t) => `(select count(*) from ${t}) as ${t}`).join(", ")}`);
  return JSON.stringify(rows[0]);
}

function expectCleanError(r: { status: number; text: string; json: unknown }, what: string) {
  expect(r.status, `${what}: ${r.text.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
  expect(r.status, `${what}: ${r.text.slice(0, 300)}`).toBeLessThan(500);
  const code = (r.json as { error?: { code?: unknown } } | null)?.error?.code;
  expect(typeof code, `${what}: a JSON error with a code, got ${r.text.slice(0, 200)}`).toBe("string");
  expect(r.text, what).not.toMatch(/\bat \S+\.(ts|js):\d+|node_modules|\/work\//);
}

type Case = {
  name: string;
  method: string;
  path: () => string;
  base: () => Record<string, unknown>;
  fields: string[];
  readBack?: (sent: Record<string, unknown>) => Promise<Record<string, unknown> | null>;
};
let n = 0;
const fresh = () => `f${(n += 1)}${Date.now().toString(36)}`;
const CASES: Case[] = [
  {
    name: "createRepository",
    method: "POST",
    path: () => `/namespaces/${user}/repositories`,
    base: () => ({ name: fresh(), description: "d", visibility: "public" }),
    fields: ["name", "description", "visibility"],
    readBack: async (sent) =>
      (await call("GET", `/repositories/${user}/${String(sent.name)}`)).json as Record<string, unknown>,
  },
  {
    name: "updateRepository",
    method: "PATCH",
    path: () => `/repositories/${user}/base`,
    base: () => ({ description: "d" }),
    fields: ["description", "overview", "visibility"],
    readBack: async () => (await call("GET", `/repositories/${user}/base`)).json as Record<string, unknown>,
  },
  {
    name: "createToken",
    method: "POST",
    path: () => "/tokens",
    base: () => ({ description: "t", scope: "read", expiry: "30" }),
    fields: ["description", "scope", "expiry"],
  },
  {
    name: "createWebhook",
    method: "POST",
    path: () => `/repositories/${user}/base/webhooks`,
    base: () => ({ name: fresh(), url: "https://hooks.example.test/x", trigger: { type: "all" }, events: ["push"] }),
    fields: ["name", "url", "trigger", "events", "active"],
  },
  {
    name: "createOrganization",
    method: "POST",
    path: () => "/orgs",
    base: () => ({ name: fresh().slice(0, 20), display_name: "" }),
    fields: ["name", "display_name"],
  },
  {
    name: "createTeam",
    method: "POST",
    path: () => `/orgs/${org}/teams`,
    base: () => ({ name: fresh(), description: "" }),
    fields: ["name", "description"],
  },
  {
    name: "createOrganizationInvitation",
    method: "POST",
    path: () => `/orgs/${org}/invitations`,
    base: () => ({ invitee: "nobody-here" }),
    fields: ["invitee"],
  },
  {
    name: "setTeamRepositoryPermission",
    method: "PUT",
    path: () => `/orgs/${org}/teams/${teamId}/repositories/base`,
    base: () => ({ permission: "read" }),
    fields: ["permission"],
  },
];

describe("bad input through the JSON API", () => {
  for (const k of CASES) {
    it(
      `${k.name}: every field with hostile values and wrong types; malformed bodies`,
      { timeout: 120_000 },
      async () => {
        for (const field of k.fields) {
          for (const [label, value] of [...Object.entries(STRINGS), ...Object.entries(WRONG_TYPES)]) {
            const body = { ...k.base(), [field]: value };
            const before = await fingerprint();
            const r = await call(k.method, k.path(), body);
            const what = `${k.name} ${field} = ${label}`;
            expect(r.status, `${what}: ${r.text.slice(0, 300)}`).toBeLessThan(500);
            if (r.status < 300) {
              // Accepted: it must be stored exactly as sent (the value, not a mangled one).
              const stored = k.readBack ? await k.readBack(body) : null;
              if (stored && typeof value === "string") expect(stored[field], what).toBe(value.trim());
            } else {
              expectCleanError(r, what);
              expect(await fingerprint(), `${what} stored something`).toBe(before);
            }
          }
        }
        for (const [label, raw] of Object.entries(RAW_BODIES)) {
          const before = await fingerprint();
          const r = await call(k.method, k.path(), undefined, raw);
          expectCleanError(r, `${k.name} ${label}`);
          expect(await fingerprint(), `${k.name} ${label} stored something`).toBe(before);
        }
      },
    );
  }

  it("path and query parameters: traversal, huge, unicode and out-of-range values are refused cleanly", async () => {
    const names = [
      "..",
      "%2e%2e",
      "..%2f..%2fetc",
      "a%00b",
      encodeURIComponent("名前"),
      "x".repeat(5000),
      encodeURIComponent("<script>"),
    ];
    for (const name of names) {
      for (const path of [
        `/repositories/${user}/${name}`,
        `/repositories/${name}/base/tags`,
        `/namespaces/${name}/repositories`,
        `/orgs/${name}/teams`,
      ]) {
        const r = await call("GET", path);
        expectCleanError(r, `GET ${path.slice(0, 80)}`);
      }
    }
    for (const query of [
      "page=-1",
      "page=abc",
      "page=1e9",
      "page_size=100000",
      "page_size=0",
      "sort=evil",
      `q=${"%25_".repeat(50)}`,
      "q=%00",
      `q=${encodeURIComponent("' or 1=1 --")}`,
    ]) {
      const r = await call("GET", `/repositories/${user}/base/tags?${query}`);
      expect(r.status, `${query}: ${r.text.slice(0, 200)}`).toBeLessThan(500);
      if (r.status >= 400) expectCleanError(r, query);
      else expect((r.json as { results: unknown[] }).results).toEqual([]);
    }
  });
});
