import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { listPendingInvitationsFor } from "@/lib/data/organizations";
import { createOrganization } from "@/lib/services/organization/create";
import { inviteMember } from "@/lib/services/organization/invite-member";
import { respondToInvitation } from "@/lib/services/organization/respond-to-invitation";
import { createPersonalAccessToken } from "@/lib/services/personal-access-token/create";
import { addTeamMember } from "@/lib/services/team/add-member";
import { createTeam } from "@/lib/services/team/create";
import { setTeamRepositoryPermission } from "@/lib/services/team/set-repository-permission";
import { setRepositoryVisibility } from "@/lib/services/repository/set-visibility";
import { createUser } from "@/lib/services/user/create";
import { uniqueName } from "@/tests/helpers/factory";
import { buildImage, pushImage, skopeoRun } from "@/tests/helpers/oci-image";

/**
 * The permission matrix of docs/permissions.md, asked of the real token endpoint: every actor ×
 * repository kind, always asking for pull,push,delete. Written out by hand (not computed from the
 * implementation) so an unexpected allow fails here.
 */
const c = inject("console");
const db = new pg.Pool({ connectionString: c.databaseUrl, max: 2 });
afterAll(() => db.end());

type Actor =
  | "operator"
  | "owner-password"
  | "owner-read"
  | "owner-read-write"
  | "owner-read-write-delete"
  | "other-user"
  | "anonymous";
type Repo = "public" | "private" | "missing";

const MATRIX: Record<Actor, Record<Repo, string[]>> = {
  operator: {
    public: ["delete", "pull", "push"],
    private: ["delete", "pull", "push"],
    missing: ["delete", "pull", "push"],
  },
  "owner-password": {
    public: ["delete", "pull", "push"],
    private: ["delete", "pull", "push"],
    missing: ["delete", "pull", "push"],
  },
  "owner-read": { public: ["pull"], private: ["pull"], missing: ["pull"] },
  "owner-read-write": { public: ["pull", "push"], private: ["pull", "push"], missing: ["pull", "push"] },
  "owner-read-write-delete": {
    public: ["delete", "pull", "push"],
    private: ["delete", "pull", "push"],
    missing: ["delete", "pull", "push"],
  },
  "other-user": { public: ["pull"], private: [], missing: [] },
  anonymous: { public: ["pull"], private: [], missing: [] },
};

let owner: { id: string; username: string; password: string };
const creds: Partial<Record<Actor, [string, string] | null>> = {};

beforeAll(async () => {
  const username = uniqueName("mx");
  owner = {
    ...(await createUser({ username, email: `${username}@example.test`, password: `pw-${username}` })),
    password: `pw-${username}`,
  };
  const other = uniqueName("mxo");
  await createUser({ username: other, email: `${other}@example.test`, password: `pw-${other}` });
  creds.operator = [c.admin.username, c.admin.password];
  creds["owner-password"] = [owner.username, owner.password];
  for (const scope of ["read", "read_write", "read_write_delete"] as const) {
    const t = await createPersonalAccessToken(owner.id, { description: scope, scope, expiry: "never" });
    creds[`owner-${scope.replaceAll("_", "-")}` as Actor] = [owner.username, t.secret];
  }
  creds["other-user"] = [other, `pw-${other}`];
  creds.anonymous = null;
  // Create both repositories through a push grant, then set their visibility.
  for (const name of ["pub", "priv"]) await tokenFor(creds["owner-password"]!, `${owner.username}/${name}`, "push");
  const actor = { kind: "user" as const, userId: owner.id, isAdmin: false };
  await setRepositoryVisibility(actor, { namespace: owner.username, name: "pub" }, "public");
  await setRepositoryVisibility(actor, { namespace: owner.username, name: "priv" }, "private");
});

async function tokenFor(cred: [string, string] | null, repository: string, actions: string) {
  const url = new URL("/api/registry/token", c.url);
  url.searchParams.set("service", "registry-console");
  url.searchParams.set("scope", `repository:${repository}:${actions}`);
  const headers: Record<string, string> = cred
    ? { Authorization: `Basic ${Buffer.from(cred.join(":")).toString("base64")}` }
    : {};
  const res = await fetch(url, { headers });
  expect(res.status).toBe(200);
  const access = JSON.parse(Buffer.from((await res.json()).token.split(".")[1], "base64url").toString())
    .access as Array<{ actions: string[] }>;
  return access.flatMap((a) => a.actions).sort();
}

describe("permission matrix at the token endpoint", () => {
  const cases = Object.entries(MATRIX).flatMap(([actor, repos]) =>
    Object.entries(repos).map(([repo, expected]) => [actor as Actor, repo as Repo, expected] as const),
  );
  it.each(cases)("%s on a %s repository gets %j", async (actor, repo, expected) => {
    // A fresh name per case for "missing", since a push grant creates the repository.
    const name = repo === "public" ? "pub" : repo === "private" ? "priv" : uniqueName("none");
    expect(await tokenFor(creds[actor]!, `${owner.username}/${name}`, "pull,push,delete")).toEqual(expected);
  });
});

/** The same matrix for an organization's repositories: owners, each team permission, members without a team. */
type OrgActor = "org-owner" | "team-admin" | "team-write" | "team-read" | "member-no-team" | "outsider" | "anonymous";
const ORG_MATRIX: Record<OrgActor, Record<Repo, string[]>> = {
  "org-owner": {
    public: ["delete", "pull", "push"],
    private: ["delete", "pull", "push"],
    missing: ["delete", "pull", "push"],
  },
  "team-admin": { public: ["delete", "pull", "push"], private: ["delete", "pull", "push"], missing: [] },
  "team-write": { public: ["pull", "push"], private: ["pull", "push"], missing: [] },
  "team-read": { public: ["pull"], private: ["pull"], missing: [] },
  "member-no-team": { public: ["pull"], private: [], missing: [] },
  outsider: { public: ["pull"], private: [], missing: [] },
  anonymous: { public: ["pull"], private: [], missing: [] },
};

describe("permission matrix for organization repositories", () => {
  const orgCreds: Partial<Record<OrgActor, [string, string] | null>> = { anonymous: null };
  let org: string;
  beforeAll(async () => {
    const mk = async (p: string) => {
      const username = uniqueName(p);
      const user = await createUser({ username, email: `${username}@example.test`, password: `pw-${username}` });
      return { ...user, email: `${username}@example.test`, password: `pw-${username}` };
    };
    const ownerU = await mk("mo");
    org = uniqueName("morg");
    await createOrganization(ownerU.id, { name: org, displayName: "" });
    orgCreds["org-owner"] = [ownerU.username, ownerU.password];
    for (const name of ["pub", "priv"]) await tokenFor(orgCreds["org-owner"], `${org}/${name}`, "push");
    const actor = { kind: "user" as const, userId: ownerU.id, isAdmin: false };
    await setRepositoryVisibility(actor, { namespace: org, name: "pub" }, "public");
    await setRepositoryVisibility(actor, { namespace: org, name: "priv" }, "private");
    for (const [who, permission] of [
      ["team-admin", "admin"],
      ["team-write", "write"],
      ["team-read", "read"],
      ["member-no-team", null],
    ] as const) {
      const u = await mk("mm");
      await inviteMember({ org, actorId: ownerU.id, invitee: u.username });
      const [inv] = await listPendingInvitationsFor(u.id, u.email);
      await respondToInvitation({ invitationId: inv!.id, userId: u.id, email: u.email, accept: true });
      if (permission) {
        const team = await createTeam({ org, actorId: ownerU.id, name: who, description: "" });
        await addTeamMember({ org, actorId: ownerU.id, teamId: team.id, username: u.username });
        for (const repo of ["pub", "priv"])
          await setTeamRepositoryPermission({ org, actorId: ownerU.id, teamId: team.id, repository: repo, permission });
      }
      orgCreds[who] = [u.username, u.password];
    }
    const outsider = await mk("mx");
    orgCreds.outsider = [outsider.username, outsider.password];
  });

  const cases = Object.entries(ORG_MATRIX).flatMap(([actor, repos]) =>
    Object.entries(repos).map(([repo, expected]) => [actor as OrgActor, repo as Repo, expected] as const),
  );
  it.each(cases)("%s on a %s organization repository gets %j", async (actor, repo, expected) => {
    const name = repo === "public" ? "pub" : repo === "private" ? "priv" : uniqueName("none");
    expect(await tokenFor(orgCreds[actor]!, `${org}/${name}`, "pull,push,delete")).toEqual(expected);
  });
});

describe("privacy with the real registry", () => {
  it("anyone pulls a public repository anonymously; private looks exactly like missing; switching applies on the next token", async () => {
    const repository = `${owner.username}/${uniqueName("vis")}`;
    const image = await buildImage({ layers: [{ files: { "v.txt": repository } }] });
    await pushImage(image, {
      registry: c.registryHost,
      repository,
      tag: "1",
      username: owner.username,
      password: owner.password,
    });
    const [namespace, name] = [owner.username, repository.split("/")[1]!];
    const actor = { kind: "user" as const, userId: owner.id, isAdmin: false };
    const inspect = (repo: string, cred: string[]) =>
      skopeoRun(["inspect", "--raw", "--tls-verify=false", ...cred, `docker://${c.registryHost}/${repo}:1`]);
    const anon = ["--no-creds"];
    const other = ["--creds", creds["other-user"]!.join(":")];

    await setRepositoryVisibility(actor, { namespace, name }, "public");
    expect((await inspect(repository, anon)).code).toBe(0);
    expect((await inspect(repository, other)).code).toBe(0);

    await setRepositoryVisibility(actor, { namespace, name }, "private");
    const privateAnon = await inspect(repository, anon);
    const privateOther = await inspect(repository, other);
    const missing = `${owner.username}/${uniqueName("nothere")}`;
    const missingOther = await inspect(missing, other);
    expect(privateAnon.code).not.toBe(0);
    expect(privateOther.code).not.toBe(0);
    // Same answer for "private" and "does not exist": nothing reveals that the repository is there.
    const scrub = (s: string) =>
      s
        .replaceAll(repository, "<repo>")
        .replaceAll(missing, "<repo>")
        .replace(/time="[^"]+"/g, "");
    expect(scrub(privateOther.stderr)).toBe(scrub(missingOther.stderr));
    expect((await inspect(repository, ["--creds", `${owner.username}:${owner.password}`])).code).toBe(0);
  });

  it("refuses a push to a root repository with a message saying what to do", async () => {
    const image = await buildImage({});
    const res = await skopeoRun([
      "copy",
      "--dest-tls-verify=false",
      "--dest-creds",
      `${owner.username}:${owner.password}`,
      `oci:${image.dir}:${image.ref}`,
      `docker://${c.registryHost}/rootonly:1`,
    ]);
    expect(res.code).not.toBe(0);
    expect(res.stderr).toMatch(/403|denied/i);
    // skopeo prints only the status; docker prints the token endpoint's `errors` message, shaped like this:
    const url = new URL("/api/registry/token", c.url);
    url.searchParams.set("service", "registry-console");
    url.searchParams.set("scope", "repository:rootonly:pull,push");
    const direct = await fetch(url, {
      headers: { Authorization: `Basic ${Buffer.from(`${owner.username}:${owner.password}`).toString("base64")}` },
    });
    expect(direct.status).toBe(403);
    expect((await direct.json()).errors[0]).toMatchObject({
      code: "DENIED",
      message: '"rootonly" has no namespace: push to <your-namespace>/rootonly instead.',
    });
  });

  it("a first push creates the repository with the namespace's default visibility, and failures are audited", async () => {
    const username = uniqueName("dv");
    const user = await createUser({ username, email: `${username}@example.test`, password: `pw-${username}` });
    await db.query(
      "update namespaces set default_visibility = 'private' where id = (select namespace_id from users where id = $1)",
      [user.id],
    );
    const image = await buildImage({ layers: [{ files: { "d.txt": username } }] });
    await pushImage(image, {
      registry: c.registryHost,
      repository: `${username}/secret`,
      tag: "1",
      username,
      password: `pw-${username}`,
    });
    const { rows } = await db.query(
      "select r.visibility, r.created_by_id from repositories r join users u on u.namespace_id = r.namespace_id where u.id = $1 and r.name = 'secret'",
      [user.id],
    );
    expect(rows).toEqual([{ visibility: "private", created_by_id: user.id }]);
    const anon = await skopeoRun([
      "inspect",
      "--raw",
      "--tls-verify=false",
      "--no-creds",
      `docker://${c.registryHost}/${username}/secret:1`,
    ]);
    expect(anon.code).not.toBe(0);

    const bad = await skopeoRun([
      "inspect",
      "--raw",
      "--tls-verify=false",
      "--creds",
      `${username}:wrong-password`,
      `docker://${c.registryHost}/${username}/secret:1`,
    ]);
    expect(bad.code).not.toBe(0);
    const events = await db.query(
      "select action as kind, target as detail from audit_events where action = 'registry_login_failed' and target like $1",
      [`%${username}%`],
    );
    expect(events.rows.length).toBeGreaterThan(0);
  });

  it("another user cannot change a repository's visibility", async () => {
    const other = await createUser({
      username: uniqueName("mxv"),
      email: `${uniqueName("e")}@example.test`,
      password: "pw-other-user-1",
    });
    const actor = { kind: "user" as const, userId: other.id, isAdmin: false };
    await expect(
      setRepositoryVisibility(actor, { namespace: owner.username, name: "pub" }, "private"),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      setRepositoryVisibility(actor, { namespace: owner.username, name: "priv" }, "public"),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    const { rows } = await db.query(
      "select name, visibility from repositories where namespace_id = (select namespace_id from users where id = $1) and name in ('pub','priv') order by name",
      [owner.id],
    );
    expect(rows).toEqual([
      { name: "priv", visibility: "private" },
      { name: "pub", visibility: "public" },
    ]);
  });
});
