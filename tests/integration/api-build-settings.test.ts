import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Actor } from "@/lib/authz/rules/repository-permissions";
import { getSiteSetting } from "@/lib/data/site-settings";
import { decryptSecret } from "@/lib/security/crypto";
import { createOrganization } from "@/lib/services/organization/create";
import { createRepository } from "@/lib/services/repository/create";
import { updateSiteSetting } from "@/lib/services/site-setting/update";
import { addTeamMember } from "@/lib/services/team/add-member";
import { createTeam } from "@/lib/services/team/create";
import { setTeamRepositoryPermission } from "@/lib/services/team/set-repository-permission";
import { joinOrganization } from "@/tests/helpers/accounts";
import { openApiClient } from "@/tests/helpers/api";
import { apiUser, type ApiUser } from "@/tests/helpers/api-fixtures";
import { uniqueName } from "@/tests/helpers/factory";

/**
 * Build settings and rules over /api/v1 (issue 23, first step): who may use them, what is stored
 * (the credential sealed, never answered), and every bad input a 400 naming its field with
 * nothing saved.
 */
const c = inject("console");
const db = new pg.Pool({ connectionString: c.databaseUrl, max: 2 });
let api: Awaited<ReturnType<typeof openApiClient>>;
let operator: Actor;
let allowedBefore: boolean;
let owner: ApiUser;
let reader: ApiUser;
let writer: ApiUser;
let admin: ApiUser;
let stranger: ApiUser;
let org: string;

// Public addresses that are never contacted: saving only checks where the host is.
const HTTPS_URL = "https://93.184.215.14/acme/app.git";
const SSH_URL = "git@93.184.215.14:acme/app.git";
const ruleBody = (v: Record<string, unknown> = {}) => ({
  source_type: "tag",
  source_name: "^v(\\d+)\\.(\\d+)",
  source_regex: true,
  tag_template: "{1}.{2}-{sha7}",
  dockerfile_path: "./docker/Dockerfile",
  context_dir: "docker/",
  build_args: [{ key: "VERSION", value: "1" }],
  ...v,
});

beforeAll(async () => {
  api = await openApiClient(c.url);
  const { rows } = await db.query<{ id: string }>("select id from users where username = $1", [c.admin.username]);
  operator = { kind: "user", userId: rows[0]!.id, isAdmin: true };
  allowedBefore = await getSiteSetting("builds.allow_private_git");
  await updateSiteSetting(operator, "builds.allow_private_git", false);
  [owner, reader, writer, admin, stranger] = (await Promise.all(
    ["bo", "br", "bw", "ba", "bx"].map((p) => apiUser(p)),
  )) as ApiUser[] as [ApiUser, ApiUser, ApiUser, ApiUser, ApiUser];
  org = uniqueName("borg");
  await createOrganization(owner.id, { name: org, displayName: "" });
  const ownerActor = { kind: "user" as const, userId: owner.id, isAdmin: false };
  await createRepository(ownerActor, { namespace: org, name: "app", description: "", visibility: "private" });
  await createRepository(ownerActor, { namespace: org, name: "pub", description: "", visibility: "public" });
  for (const [name, u, permission] of [
    ["readers", reader, "read"],
    ["writers", writer, "write"],
    ["admins", admin, "admin"],
  ] as const) {
    await joinOrganization(org, owner, u);
    const team = await createTeam({ org, actorId: owner.id, name, description: "" });
    await addTeamMember({ org, actorId: owner.id, teamId: team.id, username: u.username });
    for (const repository of ["app", "pub"])
      await setTeamRepositoryPermission({ org, actorId: owner.id, teamId: team.id, repository, permission });
  }
});
afterAll(async () => {
  await updateSiteSetting(operator, "builds.allow_private_git", allowedBefore);
  await db.end();
});

const app = () => ({ namespace: org, name: "app" });
const pub = () => ({ namespace: org, name: "pub" });
const stored = async (name: string) =>
  (
    await db.query(
      `select s.*, (select json_agg(r order by r.created_at) from build_rules r where r.repository_id = p.id) as rules
         from repositories p left join build_settings s on s.repository_id = p.id
        where p.name = $1 and p.namespace_id = (select id from namespaces where name = $2)`,
      [name, org],
    )
  ).rows[0];

describe("build settings over /api/v1", () => {
  it("an admin sets an https source with a token: sealed at rest, never answered, kept when not resent", async () => {
    const empty = await api.call("getBuildSettings", admin.tokens.read, { params: app() });
    expect(empty.status).toBe(200);
    expect(empty.body).toEqual({
      configured: false,
      git_url: null,
      credential_kind: "none",
      deploy_public_key: null,
      // Other files' operators may have turned builds on: the answer follows the site setting.
      builds_enabled: await getSiteSetting("builds.enabled"),
      updated_at: null,
    });

    const saved = await api.call("updateBuildSettings", admin.tokens.read_write, {
      params: app(),
      body: { git_url: HTTPS_URL, credential_kind: "token", access_token: "glpat-secret-123" },
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ configured: true, git_url: HTTPS_URL, credential_kind: "token" });
    expect(saved.body.webhook_secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(saved.body)).not.toContain("glpat-secret-123");
    const row = await stored("app");
    expect(row.credential_enc).not.toContain("glpat");
    expect(decryptSecret(row.credential_enc, "build-credential")).toBe("glpat-secret-123");
    expect(decryptSecret(row.webhook_secret_enc, "build-webhook-secret")).toBe(saved.body.webhook_secret);

    // A second save without a token keeps it, and the webhook secret is not shown again.
    const again = await api.call("updateBuildSettings", owner.tokens.read_write, {
      params: app(),
      body: { git_url: `${HTTPS_URL}x`, credential_kind: "token" },
    });
    expect(again.status).toBe(200);
    expect(again.body.webhook_secret).toBeNull();
    expect(decryptSecret((await stored("app")).credential_enc, "build-credential")).toBe("glpat-secret-123");
    const got = await api.call("getBuildSettings", admin.tokens.read, { params: app() });
    expect(JSON.stringify(got.body)).not.toContain("glpat");

    const { rows } = await db.query(
      "select action, metadata from audit_events where target = $1 and action like 'build_%' order by created_at",
      [`${org}/app`],
    );
    expect(rows.map((r) => r.action)).toEqual(["build_settings_changed", "build_settings_changed"]);
    expect(JSON.stringify(rows)).not.toContain("glpat");
  });

  it("an SSH source gets a deploy key: the public key is answered, the private key sealed; regenerating replaces it", async () => {
    const saved = await api.call("updateBuildSettings", admin.tokens.read_write, {
      params: app(),
      body: { git_url: SSH_URL, credential_kind: "deploy_key" },
    });
    expect(saved.status).toBe(200);
    const first = saved.body.deploy_public_key as string;
    expect(first).toMatch(/^ssh-ed25519 [A-Za-z0-9+/]{68} dockyard-build-/);
    const row = await stored("app");
    expect(decryptSecret(row.credential_enc, "build-credential")).toMatch(/^-----BEGIN OPENSSH PRIVATE KEY-----/);
    expect(JSON.stringify(saved.body)).not.toContain("PRIVATE");

    const rotated = await api.call("generateBuildDeployKey", admin.tokens.read_write, { params: app() });
    expect(rotated.status).toBe(201);
    expect(rotated.body.public_key).not.toBe(first);
    expect((await api.call("getBuildSettings", admin.tokens.read, { params: app() })).body.deploy_public_key).toBe(
      rotated.body.public_key,
    );
    // Saving the same SSH source again keeps the key.
    await api.call("updateBuildSettings", admin.tokens.read_write, {
      params: app(),
      body: { git_url: SSH_URL, credential_kind: "deploy_key" },
    });
    expect((await stored("app")).deploy_public_key).toBe(rotated.body.public_key);
  });

  it("bad sources are a 400 naming the field, and nothing is saved", async () => {
    const before = JSON.stringify(await stored("app"));
    const bad = async (body: Record<string, unknown>, status = 400) => {
      const r = await api.call("updateBuildSettings", admin.tokens.read_write, { params: app(), body });
      expect(r.status, JSON.stringify(r.body)).toBe(status);
      expect(r.body.error.code).toBe("VALIDATION_FAILED");
      return r.body.error.details.fieldErrors as Record<string, string[]>;
    };
    expect(Object.keys(await bad({ git_url: "ftp://x.example/a.git", credential_kind: "none" }))).toEqual(["git_url"]);
    expect((await bad({ git_url: "http://x.example/a.git", credential_kind: "none" })).git_url![0]).toMatch(/https/);
    expect(Object.keys(await bad({ git_url: SSH_URL, credential_kind: "token", access_token: "t" }))).toEqual([
      "credential_kind",
    ]);
    expect(Object.keys(await bad({ git_url: HTTPS_URL, credential_kind: "deploy_key" }))).toEqual(["credential_kind"]);
    expect(Object.keys(await bad({ git_url: HTTPS_URL, credential_kind: "magic" }))).toEqual(["credential_kind"]);
    // Private and loopback hosts, as literal addresses and by name, are refused while the operator has not allowed them.
    for (const url of [
      "https://127.0.0.1/a.git",
      "git@10.1.2.3:a.git",
      "ssh://git@[::1]/a.git",
      "https://localhost/a.git",
    ])
      expect((await bad({ git_url: url, credential_kind: "none" })).git_url![0], url).toMatch(
        /loopback, private, link-local or reserved/,
      );
    expect(JSON.stringify(await stored("app"))).toBe(before);
    // A token kind with no token stored and none given: on access_token.
    const fresh = await api.call("updateBuildSettings", admin.tokens.read_write, {
      params: pub(),
      body: { git_url: HTTPS_URL, credential_kind: "token" },
    });
    expect(fresh.status).toBe(400);
    expect(Object.keys(fresh.body.error.details.fieldErrors)).toEqual(["access_token"]);
    expect((await stored("pub")).repository_id).toBeNull();
    // A deploy key for an https source or before any source: 409.
    const noSsh = await api.call("generateBuildDeployKey", admin.tokens.read_write, { params: pub() });
    expect(noSsh.status).toBe(409);
  });

  it("the operator's builds.allow_private_git lets a LAN Git host be saved", async () => {
    await updateSiteSetting(operator, "builds.allow_private_git", true);
    try {
      const r = await api.call("updateBuildSettings", admin.tokens.read_write, {
        params: pub(),
        body: { git_url: "https://127.0.0.1:3000/acme/app.git", credential_kind: "none" },
      });
      expect(r.status).toBe(200);
      expect(r.body.git_url).toBe("https://127.0.0.1:3000/acme/app.git");
    } finally {
      await updateSiteSetting(operator, "builds.allow_private_git", false);
    }
  });
});

describe("build rules over /api/v1", () => {
  it("an admin adds, lists, changes and deletes rules; paths are stored normalised", async () => {
    const created = await api.call("createBuildRule", admin.tokens.read_write, { params: app(), body: ruleBody() });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      source_type: "tag",
      tag_template: "{1}.{2}-{sha7}",
      dockerfile_path: "docker/Dockerfile",
      context_dir: "docker",
      build_args: [{ key: "VERSION", value: "1" }],
      enabled: true,
    });
    const id = created.body.id as string;
    const list = await api.call("listBuildRules", admin.tokens.read, { params: app() });
    expect(list.body.items.map((r: { id: string }) => r.id)).toEqual([id]);

    const off = await api.call("updateBuildRule", admin.tokens.read_write, {
      params: { ...app(), id },
      body: { enabled: false, tag_template: "v{1}" },
    });
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ enabled: false, tag_template: "v{1}", source_name: "^v(\\d+)\\.(\\d+)" });
    // The merged rule is checked whole: switching to an exact name makes {1} a missing group.
    const merged = await api.call("updateBuildRule", admin.tokens.read_write, {
      params: { ...app(), id },
      body: { source_regex: false, source_name: "v1" },
    });
    expect(merged.status).toBe(400);
    expect(Object.keys(merged.body.error.details.fieldErrors)).toEqual(["tag_template"]);
    expect(
      (await api.call("updateBuildRule", admin.tokens.read_write, { params: { ...app(), id }, body: {} })).status,
    ).toBe(400);

    const gone = await api.call("deleteBuildRule", admin.tokens.read_write, { params: { ...app(), id } });
    expect(gone.status).toBe(204);
    expect((await api.call("listBuildRules", admin.tokens.read, { params: app() })).body.items).toEqual([]);
    const { rows } = await db.query(
      "select action from audit_events where target = $1 and action like 'build_rule_%' order by created_at",
      [`${org}/app`],
    );
    expect(rows.map((r) => r.action)).toEqual(["build_rule_added", "build_rule_updated", "build_rule_deleted"]);
  });

  it("every bad rule is a 400 naming its field, and nothing is saved", async () => {
    const before = JSON.stringify((await stored("app")).rules);
    const bad = async (v: Record<string, unknown>) => {
      const r = await api.call("createBuildRule", admin.tokens.read_write, { params: app(), body: ruleBody(v) });
      expect(r.status, JSON.stringify(r.body)).toBe(400);
      expect(r.body.error.code).toBe("VALIDATION_FAILED");
      return r.body.error.details.fieldErrors as Record<string, string[]>;
    };
    expect((await bad({ tag_template: "{1}.{3}" })).tag_template![0]).toMatch(/capture group .* \(it has 2\)/);
    expect((await bad({ tag_template: "release candidate" })).tag_template![0]).toMatch(/not a valid tag/);
    expect((await bad({ tag_template: "{branch}" })).tag_template![0]).toMatch(/only known for branch rules/);
    expect((await bad({ source_name: "(a)\\1" })).source_name![0]).toMatch(/RE2/);
    expect((await bad({ dockerfile_path: "../Dockerfile" })).dockerfile_path).toEqual([
      "The path leaves the repository (..)",
    ]);
    expect((await bad({ context_dir: "/etc" })).context_dir![0]).toMatch(/absolute/);
    expect((await bad({ build_args: [{ key: "1X", value: "" }] })).build_args![0]).toMatch(/not a build argument name/);
    expect(Object.keys(await bad({ source_type: "commit" }))).toEqual(["source_type"]);
    expect(JSON.stringify((await stored("app")).rules)).toBe(before);
  });

  it("at most 10 rules: the 11th is a 400 on source_name", async () => {
    for (let i = 0; i < 10; i++) {
      const r = await api.call("createBuildRule", admin.tokens.read_write, {
        params: pub(),
        body: ruleBody({ source_type: "branch", source_regex: false, source_name: `b${i}`, tag_template: "{branch}" }),
      });
      expect(r.status).toBe(201);
    }
    const eleventh = await api.call("createBuildRule", admin.tokens.read_write, { params: pub(), body: ruleBody() });
    expect(eleventh.status).toBe(400);
    expect(eleventh.body.error.details.fieldErrors.source_name[0]).toMatch(/At most 10 build rules/);
    expect((await stored("pub")).rules).toHaveLength(10);
  });

  it("members with Read or Write get 403, strangers 404 on a private repository and 403 on a public one; read tokens cannot write", async () => {
    const { body } = await api.call("createBuildRule", admin.tokens.read_write, { params: app(), body: ruleBody() });
    const id = body.id as string;
    const before = JSON.stringify(await stored("app"));
    const calls = (token: string, path: { namespace: string; name: string }) => [
      api.call("getBuildSettings", token, { params: path }),
      api.call("updateBuildSettings", token, { params: path, body: { git_url: HTTPS_URL, credential_kind: "none" } }),
      api.call("generateBuildDeployKey", token, { params: path }),
      api.call("listBuildRules", token, { params: path }),
      api.call("createBuildRule", token, { params: path, body: ruleBody() }),
      api.call("updateBuildRule", token, { params: { ...path, id }, body: { enabled: false } }),
      api.call("deleteBuildRule", token, { params: { ...path, id } }),
    ];
    const expectAll = async (
      rs: Array<Promise<{ status: number; body: { error?: { code: string } } }>>,
      status: number,
      code: string,
    ) => {
      for (const r of await Promise.all(rs)) {
        expect(r.status).toBe(status);
        expect(r.body.error?.code).toBe(code);
      }
    };
    await expectAll(calls(reader.tokens.read_write, app()), 403, "FORBIDDEN");
    await expectAll(calls(writer.tokens.read_write, app()), 403, "FORBIDDEN");
    await expectAll(calls(stranger.tokens.read_write, app()), 404, "NOT_FOUND");
    await expectAll(calls(stranger.tokens.read_write, pub()), 403, "FORBIDDEN");
    const readOnly = calls(admin.tokens.read, app())
      .slice(1)
      .filter((_, i) => i !== 2);
    await expectAll(readOnly, 403, "INSUFFICIENT_SCOPE");
    expect(JSON.stringify(await stored("app"))).toBe(before);
    // The organization's owner and a site operator are admins too.
    expect((await api.call("listBuildRules", owner.tokens.read, { params: app() })).status).toBe(200);
  });
});
