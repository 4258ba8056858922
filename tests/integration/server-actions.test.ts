import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createOrganization } from "@/lib/services/organization/create";
import { createRepository } from "@/lib/services/repository/create";
import { addTeamMember } from "@/lib/services/team/add-member";
import { createTeam } from "@/lib/services/team/create";
import { setTeamRepositoryPermission } from "@/lib/services/team/set-repository-permission";
import { joinOrganization, newUser, type TestUser } from "@/tests/helpers/accounts";
import { clientAddress, uniqueName } from "@/tests/helpers/factory";
import { sessionCookie } from "@/tests/helpers/session";

/**
 * Server actions are the website's writes. They are invoked here the way a browser without
 * JavaScript submits a form (the form's own fields, including React's action reference), with
 * the session cookie of each kind of user, and from another site: only an admin of the repository,
 * from the console's own origin, changes anything.
 */
const c = inject("console");
const db = new pg.Pool({ connectionString: c.databaseUrl, max: 2 });
afterAll(() => db.end());

let org = "";
let admin: TestUser;
const cookies: Record<string, string | null> = {};

beforeAll(async () => {
  const [owner, writer, outsider, teamAdmin] = await Promise.all(["so", "sw", "sx", "sa"].map(newUser));
  admin = teamAdmin!;
  org = uniqueName("sorg");
  await createOrganization(owner!.id, { name: org, displayName: "" });
  await createRepository(
    { kind: "user", userId: owner!.id, isAdmin: false },
    { namespace: org, name: "app", description: "original", visibility: "public" },
  );
  for (const u of [writer!, admin]) await joinOrganization(org, owner!, u);
  for (const [name, u, permission] of [
    ["writers", writer!, "write"],
    ["admins", admin, "admin"],
  ] as const) {
    const team = await createTeam({ org, actorId: owner!.id, name, description: "" });
    await addTeamMember({ org, actorId: owner!.id, teamId: team.id, username: u.username });
    await setTeamRepositoryPermission({ org, actorId: owner!.id, teamId: team.id, repository: "app", permission });
  }
  cookies.admin = await sessionCookie(c.url, admin.id);
  cookies.writer = await sessionCookie(c.url, writer!.id);
  cookies.outsider = await sessionCookie(c.url, outsider!.id);
  cookies.anonymous = null;
});

/** The fields of the details form on the settings page, as the admin's browser received them. */
async function detailsForm(): Promise<Array<[string, string]>> {
  const html = await (
    await fetch(`${c.url}/r/${org}/app/settings`, {
      headers: { Cookie: cookies.admin!, "X-Forwarded-For": clientAddress() },
    })
  ).text();
  const form = [...html.matchAll(/<form\b[^>]*>([\s\S]*?)<\/form>/g)]
    .map((m) => m[1]!)
    .find((f) => f.includes('name="overview"'));
  if (!form) throw new Error("no details form on the settings page");
  const decode = (v: string) =>
    v
      .replace(/&quot;/g, '"')
      .replace(/&#x27;/g, "'")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&");
  return [...form.matchAll(/<input\b[^>]*>/g)].flatMap((m) => {
    const name = /\bname="([^"]*)"/.exec(m[0])?.[1];
    const value = /\bvalue="([^"]*)"/.exec(m[0])?.[1] ?? "";
    return name ? [[decode(name), decode(value)] as [string, string]] : [];
  });
}

async function submit(who: string, description: string, origin = c.url): Promise<number> {
  const fields = await detailsForm();
  expect(fields.some(([k]) => k.startsWith("$ACTION"))).toBe(true);
  const body = new FormData();
  for (const [k, v] of fields) body.append(k, v);
  body.set("description", description);
  body.set("overview", "");
  const res = await fetch(`${c.url}/r/${org}/app/settings`, {
    method: "POST",
    redirect: "manual",
    body,
    headers: { Origin: origin, "X-Forwarded-For": clientAddress(), ...(cookies[who] ? { Cookie: cookies[who]! } : {}) },
  });
  await res.arrayBuffer();
  return res.status;
}

const description = async () =>
  (
    await db.query(
      "select r.description from repositories r join namespaces n on n.id = r.namespace_id where n.name = $1 and r.name = 'app'",
      [org],
    )
  ).rows[0].description as string;

describe("server actions", () => {
  it("only the repository's admin, from the console's own origin, changes its details", async () => {
    for (const who of ["writer", "outsider", "anonymous"]) {
      const status = await submit(who, `changed by ${who}`);
      expect(status, who).toBeLessThan(500);
      expect(await description(), who).toBe("original");
    }
    // Another site submitting the admin's form with the admin's cookie: refused by the origin check.
    await submit("admin", "changed cross-site", "https://evil.example");
    expect(await description()).toBe("original");
    // The same submission from the console's own page works, so the refusals above are real.
    expect(await submit("admin", "changed by the admin")).toBeLessThan(400);
    expect(await description()).toBe("changed by the admin");
  });

  it("hostile form values: control characters are refused and stored nowhere; HTML is stored as text and shown as text", async () => {
    const before = await description();
    expect(await submit("admin", "nul\u0000byte")).toBe(200);
    expect(await description()).toBe(before);
    const html = `<script>alert("x")</script><img src=x onerror=alert(1)>`;
    expect(await submit("admin", html)).toBeLessThan(400);
    expect(await description()).toBe(html);
    const page = await (
      await fetch(`${c.url}/r/${org}/app`, { headers: { "X-Forwarded-For": clientAddress() } })
    ).text();
    expect(page).not.toContain(html);
    expect(page).not.toMatch(/<script>alert|<img src=x onerror/);
    expect(page).toContain("&lt;script&gt;alert");
  });
});
