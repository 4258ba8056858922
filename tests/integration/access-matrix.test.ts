import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createOrganization } from "@/lib/services/organization/create";
import { updateOrgSettings } from "@/lib/services/organization/update-settings";
import { createPersonalAccessToken } from "@/lib/services/personal-access-token/create";
import { setPersonalAccessTokenActive } from "@/lib/services/personal-access-token/set-active";
import { setRepositoryVisibility } from "@/lib/services/repository/set-visibility";
import { addTeamMember } from "@/lib/services/team/add-member";
import { createTeam } from "@/lib/services/team/create";
import { setTeamRepositoryPermission } from "@/lib/services/team/set-repository-permission";
import { deactivateAccount } from "@/lib/services/user/deactivate";
import { joinOrganization, newUser, type TestUser } from "@/tests/helpers/accounts";
import { clientAddress, uniqueName } from "@/tests/helpers/factory";
import { buildImage, pushImage, skopeoRun } from "@/tests/helpers/oci-image";
import { sessionCookie } from "@/tests/helpers/session";

/**
 * Who may do what, asked through every surface with real clients: the registry (the token service,
 * and skopeo pulling and pushing), the JSON API and the pages. One table, written out by hand from
 * docs/permissions.md rather than computed from the code, so any unexpected allow fails.
 *
 * The repositories are in an organization: `pub` (public) and `priv` (private). Teams grant
 * Read-only, Read & Write and Admin on both. Tokens are the organization owner's.
 */
const c = inject("console");
const db = new pg.Pool({ connectionString: c.databaseUrl, max: 2 });
afterAll(() => db.end());

type Op = "pull" | "push" | "delete" | "view" | "settings" | "webhooks" | "audit";
type Surface = "registry" | "api" | "pages";
type Allowed = { public: string; private: string };
// `on` overrides the row for one surface, where that surface rightly differs (said in `note`).
type Row = Allowed & { surfaces: Surface[]; on?: Partial<Record<Surface, Allowed>>; note?: string };

const ALL = "pull push delete view settings webhooks audit";
const MATRIX: Record<string, Row> = {
  anonymous: {
    public: "pull view",
    private: "",
    surfaces: ["registry", "api", "pages"],
    on: { api: { public: "", private: "" } },
    note: "the JSON API always needs a token",
  },
  outsider: { public: "pull view", private: "", surfaces: ["registry", "api", "pages"] },
  "member, no team": { public: "pull view", private: "", surfaces: ["registry", "api", "pages"] },
  "member, Read-only team": { public: "pull view", private: "pull view", surfaces: ["registry", "api", "pages"] },
  "member, Read & Write team": {
    public: "pull push view",
    private: "pull push view",
    surfaces: ["registry", "api", "pages"],
  },
  "member, Admin team": {
    public: "pull push delete view settings webhooks",
    private: "pull push delete view settings webhooks",
    surfaces: ["registry", "api", "pages"],
  },
  "organization owner": { public: ALL, private: ALL, surfaces: ["registry", "api", "pages"] },
  "site operator": { public: ALL, private: ALL, surfaces: ["registry", "api", "pages"] },
  "owner's Read-only token": {
    public: "pull view webhooks audit",
    private: "pull view webhooks audit",
    surfaces: ["registry", "api"],
  },
  "owner's Read & Write token": {
    public: "pull push view settings webhooks audit",
    private: "pull push view settings webhooks audit",
    surfaces: ["registry", "api"],
  },
  "owner's Read, Write & Delete token": { public: ALL, private: ALL, surfaces: ["registry", "api"] },
  "owner's deactivated token": { public: "", private: "", surfaces: ["registry", "api"] },
  "deactivated account (was Admin)": {
    public: "",
    private: "",
    surfaces: ["registry", "api", "pages"],
    on: { pages: { public: "view", private: "" } },
    note: "its session is gone: the pages show it what they show anyone",
  },
};

// What each actor presents: registry/API credentials (username + password or token), a session.
type Who = { basic: [string, string] | null; bearer: string | null; cookie: string | null };
const who: Record<string, Who> = {};
let org = "";

type U = TestUser;

async function asUser(u: U): Promise<Who> {
  const token = await createPersonalAccessToken(u.id, {
    description: "matrix",
    scope: "read_write_delete",
    expiry: "30",
  });
  return { basic: [u.username, u.password], bearer: token.secret, cookie: await sessionCookie(c.url, u.id) };
}

beforeAll(async () => {
  const [owner, outsider, bare, reader, writer, admin, doomed] = await Promise.all(
    ["mo", "mx", "mb", "mr", "mw", "ma", "md"].map(newUser),
  );
  org = uniqueName("morg");
  await createOrganization(owner!.id, { name: org, displayName: "Matrix" });
  await updateOrgSettings({
    org,
    actorId: owner!.id,
    displayName: "Matrix",
    company: "",
    location: "",
    website: "",
    defaultVisibility: "public",
    privateRepoQuota: "",
  });
  for (const u of [bare, reader, writer, admin, doomed]) await joinOrganization(org, owner!, u!);
  const image = await buildImage({ layers: [{ files: { "m.txt": org } }] });
  for (const name of ["pub", "priv"])
    await pushImage(image, {
      registry: c.registryHost,
      repository: `${org}/${name}`,
      tag: "1",
      username: owner!.username,
      password: owner!.password,
    });
  await setRepositoryVisibility(
    { kind: "user", userId: owner!.id, isAdmin: false },
    { namespace: org, name: "priv" },
    "private",
  );
  for (const [name, members, permission] of [
    ["readers", [reader], "read"],
    ["writers", [writer], "write"],
    ["admins", [admin, doomed], "admin"],
  ] as const) {
    const team = await createTeam({ org, actorId: owner!.id, name, description: "" });
    for (const m of members) await addTeamMember({ org, actorId: owner!.id, teamId: team.id, username: m!.username });
    for (const repository of ["pub", "priv"])
      await setTeamRepositoryPermission({ org, actorId: owner!.id, teamId: team.id, repository, permission });
  }

  who.anonymous = { basic: null, bearer: null, cookie: null };
  who.outsider = await asUser(outsider!);
  who["member, no team"] = await asUser(bare!);
  who["member, Read-only team"] = await asUser(reader!);
  who["member, Read & Write team"] = await asUser(writer!);
  who["member, Admin team"] = await asUser(admin!);
  who["organization owner"] = await asUser(owner!);
  const operator = (await db.query<{ id: string }>("select id from users where username = $1", [c.admin.username]))
    .rows[0]!;
  who["site operator"] = await asUser({
    id: operator.id,
    username: c.admin.username,
    password: c.admin.password,
    email: "",
  });
  for (const [label, scope] of [
    ["owner's Read-only token", "read"],
    ["owner's Read & Write token", "read_write"],
    ["owner's Read, Write & Delete token", "read_write_delete"],
    ["owner's deactivated token", "read_write_delete"],
  ] as const) {
    const t = await createPersonalAccessToken(owner!.id, { description: label, scope, expiry: "30" });
    who[label] = { basic: [owner!.username, t.secret], bearer: t.secret, cookie: null };
    if (label === "owner's deactivated token") await setPersonalAccessTokenActive(owner!.id, t.id, false);
  }
  // Everything this account had (password, token, session) was issued while it was active.
  const dead = await asUser(doomed!);
  await deactivateAccount({
    userId: doomed!.id,
    confirmation: doomed!.username,
    currentPassword: doomed!.password,
    ip: null,
  });
  who["deactivated account (was Admin)"] = dead;
});

/** The actions the token service grants (an empty list when it refuses the credentials). */
async function granted(w: Who, repository: string): Promise<string[]> {
  const res = await fetch(
    `${c.url}/api/registry/token?service=registry-console&scope=repository:${repository}:pull,push,delete`,
    {
      headers: {
        "X-Forwarded-For": clientAddress(),
        ...(w.basic ? { Authorization: `Basic ${Buffer.from(w.basic.join(":")).toString("base64")}` } : {}),
      },
    },
  );
  if (res.status !== 200) return [];
  const jwt = ((await res.json()) as { token: string }).token;
  return (
    JSON.parse(Buffer.from(jwt.split(".")[1]!, "base64url").toString()).access as Array<{ actions: string[] }>
  ).flatMap((a) => a.actions);
}

const credsArgs = (w: Who, flag: string) =>
  w.basic ? [flag, w.basic.join(":")] : [flag === "--creds" ? "--no-creds" : "--dest-no-creds"];
async function skopeoPull(w: Who, repository: string): Promise<boolean> {
  return (
    (
      await skopeoRun([
        "inspect",
        "--retry-times",
        "0",
        "--raw",
        "--tls-verify=false",
        ...credsArgs(w, "--creds"),
        `docker://${c.registryHost}/${repository}:1`,
      ])
    ).code === 0
  );
}
let pushes = 0;
async function skopeoPush(w: Who, repository: string): Promise<boolean> {
  const image = await buildImage({ layers: [{ files: { "p.txt": `${repository} ${(pushes += 1)}` } }] });
  const r = await skopeoRun([
    "copy",
    "--retry-times",
    "0",
    "--dest-tls-verify=false",
    ...credsArgs(w, "--dest-creds"),
    `oci:${image.dir}:${image.ref}`,
    `docker://${c.registryHost}/${repository}:m${pushes}`,
  ]);
  return r.code === 0;
}

async function api(w: Who, method: string, path: string, body?: unknown): Promise<boolean> {
  const res = await fetch(`${c.url}/api/v1${path}`, {
    method,
    headers: {
      "X-Forwarded-For": clientAddress(),
      ...(w.bearer ? { Authorization: `Bearer ${w.bearer}` } : {}),
      ...(body ? { "Content-Type": "application/json" } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (res.status >= 500) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return res.status === 200;
}

async function page(w: Who, path: string): Promise<boolean> {
  const res = await fetch(`${c.url}${path}`, {
    redirect: "manual",
    headers: { "X-Forwarded-For": clientAddress(), ...(w.cookie ? { Cookie: w.cookie } : {}) },
  });
  await res.arrayBuffer();
  if (res.status >= 500) throw new Error(`GET ${path}: ${res.status}`);
  // A refused page is a real 404 (or, signed out, a redirect to sign in): never a 200 saying so.
  return res.status === 200;
}

/** What `w` could do to `repository` through `surface`, as a set of operations. */
async function observe(w: Who, surface: Surface, name: string): Promise<Set<Op>> {
  const repository = `${org}/${name}`;
  const seen = new Set<Op>();
  const add = (op: Op, ok: boolean) => ok && seen.add(op);
  if (surface === "registry") {
    const actions = await granted(w, repository);
    for (const a of ["pull", "push", "delete"] as const) add(a, actions.includes(a));
    // The real client must agree with the token service on what it can do.
    expect(await skopeoPull(w, repository), `skopeo pull ${repository}`).toBe(actions.includes("pull"));
    expect(await skopeoPush(w, repository), `skopeo push ${repository}`).toBe(actions.includes("push"));
  } else if (surface === "api") {
    add("view", await api(w, "GET", `/repositories/${repository}`));
    add("settings", await api(w, "PATCH", `/repositories/${repository}`, { description: "set by the access matrix" }));
    add("webhooks", await api(w, "GET", `/repositories/${repository}/webhooks`));
    add("audit", await api(w, "GET", `/namespaces/${org}/audit-log`));
    // The API's own pull/push/delete are the registry's; it deletes tags (needs the delete scope).
    add("delete", await canDeleteTagViaApi(w, repository));
  } else {
    add("view", await page(w, `/r/${repository}`));
    add("settings", await page(w, `/r/${repository}/settings`));
    add("webhooks", await page(w, `/r/${repository}/webhooks`));
    add("audit", await page(w, `/orgs/${org}/audit-log`));
  }
  return seen;
}

/** Deleting a tag nobody needs: pushed by the owner just for this, so an allowed delete costs nothing. */
async function canDeleteTagViaApi(w: Who, repository: string): Promise<boolean> {
  const owner = who["organization owner"]!;
  const tag = `del${(pushes += 1)}`;
  const image = await buildImage({ layers: [{ files: { "d.txt": `${repository} ${tag}` } }] });
  await pushImage(image, {
    registry: c.registryHost,
    repository,
    tag,
    username: owner.basic![0],
    password: owner.basic![1],
  });
  // The index learns of the push from the registry's event: wait for the tag to be listed.
  for (let i = 0; i < 100; i++) {
    const res = await fetch(`${c.url}/api/v1/repositories/${repository}/tags/${tag}`, {
      headers: { Authorization: `Bearer ${owner.bearer}` },
    });
    if (res.status === 200) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const res = await fetch(`${c.url}/api/v1/repositories/${repository}/tags/${tag}`, {
    method: "DELETE",
    headers: { "X-Forwarded-For": clientAddress(), ...(w.bearer ? { Authorization: `Bearer ${w.bearer}` } : {}) },
  });
  if (res.status >= 500) throw new Error(`DELETE tag: ${res.status} ${await res.text()}`);
  return res.status === 204;
}

const SURFACE_OPS: Record<Surface, Op[]> = {
  registry: ["pull", "push", "delete"],
  api: ["view", "settings", "webhooks", "audit", "delete"],
  pages: ["view", "settings", "webhooks", "audit"],
};

describe("access matrix", () => {
  for (const [actor, row] of Object.entries(MATRIX)) {
    for (const surface of row.surfaces) {
      it(
        `${actor} through ${surface === "registry" ? "the registry (token service + skopeo)" : surface === "api" ? "the JSON API" : "the pages"}`,
        { timeout: 120_000 },
        async () => {
          for (const visibility of ["public", "private"] as const) {
            const expected = (row.on?.[surface] ?? row)[visibility]
              .split(" ")
              .filter((op) => op && SURFACE_OPS[surface].includes(op as Op))
              .sort();
            const seen = [...(await observe(who[actor]!, surface, visibility === "public" ? "pub" : "priv"))].sort();
            expect(seen, `${actor}, ${visibility} repository, ${surface}${row.note ? ` (${row.note})` : ""}`).toEqual(
              expected,
            );
          }
        },
      );
    }
  }
});
