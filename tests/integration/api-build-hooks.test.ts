import crypto from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Actor } from "@/lib/authz/rules/repository-permissions";
import { getSiteSetting } from "@/lib/data/site-settings";
import { createRepository } from "@/lib/services/repository/create";
import { updateSiteSetting } from "@/lib/services/site-setting/update";
import { signPayload } from "@/lib/webhooks/signature";
import { openApiClient } from "@/tests/helpers/api";
import { apiUser, type ApiUser } from "@/tests/helpers/api-fixtures";
import { clientAddress } from "@/tests/helpers/factory";

/**
 * The Git-host build webhook (POST /api/build-hooks/{namespace}/{name}, issue 23) over real HTTP:
 * GitHub, GitLab, Gitea and generic pushes queue one build per rule they fire (read back through
 * /api/v1), and every refused call (401, 409) starts nothing and leaves an audit row. The console's
 * build worker runs what is queued against a closed local port, so those builds fail at once in
 * the background; only what was queued is checked.
 */
const c = inject("console");
const db = new pg.Pool({ connectionString: c.databaseUrl, max: 2 });
let api: Awaited<ReturnType<typeof openApiClient>>;
let operator: Actor;
let before: { enabled: boolean; privateGit: boolean };
let owner: ApiUser;
let secret: string;
const ip = clientAddress();
const GIT_URL = "https://127.0.0.1:9/acme/app.git";
const sha = (n: number) => crypto.createHash("sha1").update(`commit ${n}`).digest("hex");
const repo = () => ({ namespace: owner.username, name: "app" });
const hmac = (key: string, body: string) => crypto.createHmac("sha256", key).update(body).digest("hex");

type Sent = { status: number; body: any }; // eslint-disable-line @typescript-eslint/no-explicit-any
async function send(headers: Record<string, string>, body: string, path = `${owner.username}/app`): Promise<Sent> {
  const res = await fetch(`${c.url}/api/build-hooks/${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Forwarded-For": ip, ...headers },
    body,
  });
  return { status: res.status, body: await res.json() };
}
const github = (payload: object, event = "push", key = secret, path?: string) => {
  const body = JSON.stringify(payload);
  return send({ "X-GitHub-Event": event, "X-Hub-Signature-256": `sha256=${hmac(key, body)}` }, body, path);
};
const gitlab = (payload: object, event = "Push Hook", token = secret) =>
  send({ "X-Gitlab-Event": event, "X-Gitlab-Token": token }, JSON.stringify(payload));
const gitea = (payload: object, forgejo = false) => {
  const body = JSON.stringify(payload);
  const p = forgejo ? "Forgejo" : "Gitea";
  return send({ [`X-${p}-Event`]: "push", [`X-${p}-Signature`]: hmac(secret, body), "X-GitHub-Event": "push" }, body);
};
const generic = (payload: object, t = Math.floor(Date.now() / 1000), key = secret) => {
  const body = JSON.stringify(payload);
  return send({ "X-Dockyard-Signature": signPayload(key, body, t) }, body);
};

const builds = async () =>
  (await api.call("listBuilds", owner.tokens.read, { params: repo(), query: { page_size: 100 } })).body
    .results as Array<Record<string, unknown>>;
const buildCount = async () => (await builds()).length;
const refusals = async (reason?: string) =>
  (
    await db.query(
      `select namespace_id, target, metadata, ip_address from audit_events
        where action = 'build_trigger_refused' and target = $1 ${reason ? "and metadata->>'reason' = $2" : ""}`,
      reason ? [`${owner.username}/app`, reason] : [`${owner.username}/app`],
    )
  ).rows;

beforeAll(async () => {
  api = await openApiClient(c.url);
  const { rows } = await db.query<{ id: string }>("select id from users where username = $1", [c.admin.username]);
  operator = { kind: "user", userId: rows[0]!.id, isAdmin: true };
  before = {
    enabled: await getSiteSetting("builds.enabled"),
    privateGit: await getSiteSetting("builds.allow_private_git"),
  };
  await updateSiteSetting(operator, "builds.enabled", true);
  await updateSiteSetting(operator, "builds.allow_private_git", true);
  owner = await apiUser("bh");
  const actor = { kind: "user" as const, userId: owner.id, isAdmin: false };
  await createRepository(actor, { namespace: owner.username, name: "app", description: "", visibility: "private" });
  await createRepository(actor, { namespace: owner.username, name: "bare", description: "", visibility: "public" });
  const saved = await api.call("updateBuildSettings", owner.tokens.read_write, {
    params: repo(),
    body: { git_url: GIT_URL, credential_kind: "none" },
  });
  expect(saved.status).toBe(200);
  secret = saved.body.webhook_secret;
  const rules = [
    { source_type: "branch", source_name: "main", tag_template: "{branch}-{sha7}" },
    { source_type: "branch", source_name: "^ma", source_regex: true, tag_template: "edge" },
    { source_type: "tag", source_name: "^v(\\d+)\\.(\\d+)\\.(\\d+)$", source_regex: true, tag_template: "{1}.{2}" },
    { source_type: "branch", source_name: "^long/", source_regex: true, tag_template: "{branch}" },
    { source_type: "branch", source_name: "dev", tag_template: "dev-{sha7}" },
    { source_type: "branch", source_name: "dev", tag_template: "off", enabled: false },
  ];
  for (const rule of rules) {
    const r = await api.call("createBuildRule", owner.tokens.read_write, { params: repo(), body: rule });
    expect(r.status).toBe(201);
  }
});
afterAll(async () => {
  await updateSiteSetting(operator, "builds.enabled", before.enabled);
  await updateSiteSetting(operator, "builds.allow_private_git", before.privateGit);
  await db.end();
});

describe("build webhooks from Git hosts", () => {
  it("each format starts a build of the pushed commit, named by the rule's template", async () => {
    const sent = [
      { source: "github", commit: sha(1), call: () => github({ ref: "refs/heads/dev", after: sha(1) }) },
      {
        source: "gitlab",
        commit: sha(2),
        call: () => gitlab({ ref: "refs/heads/dev", after: sha(2), checkout_sha: sha(2) }),
      },
      { source: "gitea", commit: sha(3), call: () => gitea({ ref: "refs/heads/dev", after: sha(3) }) },
      { source: "gitea", commit: sha(4), call: () => gitea({ ref: "refs/heads/dev", after: sha(4) }, true) },
      { source: "generic", commit: sha(5), call: () => generic({ ref: "refs/heads/dev", sha: sha(5) }) },
    ];
    for (const s of sent) {
      const res = await s.call();
      expect(res.status, JSON.stringify(res.body)).toBe(202);
      expect(res.body.skipped).toEqual([]);
      expect(res.body.builds).toHaveLength(1);
      expect(res.body.builds[0].image_tag).toBe(`dev-${s.commit.slice(0, 7)}`);
      const [b] = (await builds()).filter((x) => x.number === res.body.builds[0].number);
      expect(b).toMatchObject({
        trigger: "webhook",
        trigger_source: s.source,
        ref: "dev",
        commit: s.commit,
        image_tag: `dev-${s.commit.slice(0, 7)}`,
        rule_id: res.body.builds[0].rule_id,
        started_by: null,
      });
    }
  });

  it("a push two rules match starts two builds; a template that renders no tag is reported as skipped", async () => {
    const res = await github({ ref: "refs/heads/main", after: sha(10) });
    expect(res.status).toBe(202);
    expect(res.body.builds.map((b: { image_tag: string }) => b.image_tag).sort()).toEqual([
      "edge",
      `main-${sha(10).slice(0, 7)}`,
    ]);
    const long = await github({ ref: `refs/heads/long/${"x".repeat(150)}`, after: sha(11) });
    expect(long.status).toBe(200);
    expect(long.body.builds).toEqual([]);
    expect(long.body.skipped).toHaveLength(1);
    expect(long.body.skipped[0].reason).toMatch(/at most 128/);
  });

  it("a tag pattern's groups render the tag; GitLab's and GitHub's annotated tags build the tagged commit", async () => {
    const lab = await gitlab({ ref: "refs/tags/v1.2.3", after: sha(20), checkout_sha: sha(21) }, "Tag Push Hook");
    expect(lab.status).toBe(202);
    expect(lab.body.builds).toMatchObject([{ image_tag: "1.2" }]);
    const hub = await github({ ref: "refs/tags/v4.5.6", after: sha(22), head_commit: { id: sha(23) } });
    expect(hub.body.builds).toMatchObject([{ image_tag: "4.5" }]);
    const all = await builds();
    expect(all.find((b) => b.number === lab.body.builds[0].number)).toMatchObject({ ref: "v1.2.3", commit: sha(21) });
    expect(all.find((b) => b.number === hub.body.builds[0].number)).toMatchObject({ ref: "v4.5.6", commit: sha(23) });
  });

  it("a ref no rule matches, a deleted branch and a pull request ref start nothing", async () => {
    const count = await buildCount();
    for (const res of [
      await github({ ref: "refs/heads/feature", after: sha(30) }),
      await github({ ref: "refs/heads/main", after: "0".repeat(40), deleted: true }),
      await gitlab({ ref: "refs/heads/main", after: "0".repeat(40), checkout_sha: null }),
      await generic({ ref: "refs/tags/v9", sha: sha(31) }),
      await github({ ref: "refs/pull/1/head", after: sha(32) }),
    ]) {
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toEqual({ builds: [], skipped: [] });
    }
    expect(await buildCount()).toBe(count);
  });

  it("answers GitHub's ping once the signature checks", async () => {
    expect(await github({ zen: "Design for failure." }, "ping")).toEqual({ status: 200, body: { ok: true } });
    expect((await github({ zen: "x" }, "ping", "wrong")).status).toBe(401);
  });

  it("refuses a missing or wrong signature, a stale timestamp and a wrong token: 401, nothing started, audited", async () => {
    const count = await buildCount();
    const push = { ref: "refs/heads/main", after: sha(40) };
    const body = JSON.stringify(push);
    const cases: Array<[Promise<Sent>, string]> = [
      [github(push, "push", "not-the-secret"), "wrong_signature"],
      [send({ "X-GitHub-Event": "push" }, body), "missing_signature"],
      [send({}, JSON.stringify({ ref: "refs/heads/main", sha: sha(40) })), "missing_signature"],
      [generic({ ref: "refs/heads/main", sha: sha(40) }, Math.floor(Date.now() / 1000) - 600), "stale_timestamp"],
      [generic({ ref: "refs/heads/main", sha: sha(40) }, undefined, "not-the-secret"), "wrong_signature"],
      [gitlab(push, "Push Hook", "not-the-secret"), "wrong_token"],
      [send({ "X-Gitea-Event": "push", "X-Gitea-Signature": "00".repeat(32) }, body), "wrong_signature"],
    ];
    for (const [call, reason] of cases) {
      const res = await call;
      expect(res.status, reason).toBe(401);
      expect(res.body.error.code).toBe("UNAUTHORIZED");
      expect((await refusals(reason)).length, reason).toBeGreaterThan(0);
    }
    expect(await buildCount()).toBe(count);
    const [row] = await refusals("wrong_token");
    expect(row.metadata).toEqual({ reason: "wrong_token", source: "gitlab" });
    expect(row.ip_address).toBe(ip);
    const { rows } = await db.query("select namespace_id from repositories where name = 'app' and namespace_id = $1", [
      row.namespace_id,
    ]);
    expect(rows).toHaveLength(1);
  });

  it("answers an unknown repository and one without build settings exactly as a wrong secret", async () => {
    const wrong = await github({ ref: "refs/heads/main", after: sha(50) }, "push", "guess");
    const unknown = await github({ ref: "refs/heads/main", after: sha(50) }, "push", "guess", "nobody-here/none");
    const bare = await github({ ref: "refs/heads/main", after: sha(50) }, "push", "guess", `${owner.username}/bare`);
    expect(unknown).toEqual(wrong);
    expect(bare).toEqual(wrong);
    const { rows } = await db.query(
      `select target, namespace_id, metadata->>'reason' as reason from audit_events
        where action = 'build_trigger_refused' and target in ('nobody-here/none', $1)`,
      [`${owner.username}/bare`],
    );
    expect(rows).toEqual(
      expect.arrayContaining([
        { target: "nobody-here/none", namespace_id: null, reason: "unknown_repository" },
        expect.objectContaining({ target: `${owner.username}/bare`, reason: "no_build_settings" }),
      ]),
    );
  });

  it("answers 400 to a body that is not JSON and to an event that is not a push, once signed", async () => {
    const bad = "{not json";
    const res = await send({ "X-Dockyard-Signature": signPayload(secret, bad, Math.floor(Date.now() / 1000)) }, bad);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("MALFORMED_JSON");
    const issues = await github({ action: "opened" }, "issues");
    expect(issues.status).toBe(400);
    const shape = await generic({ ref: "main", sha: "abc" });
    expect(shape.status).toBe(400);
    expect(shape.body.error.code).toBe("VALIDATION_FAILED");
  });

  it("refuses with 409 while builds are off, starting nothing", async () => {
    const count = await buildCount();
    await updateSiteSetting(operator, "builds.enabled", false);
    try {
      const res = await github({ ref: "refs/heads/main", after: sha(60) });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe("CONFLICT");
    } finally {
      await updateSiteSetting(operator, "builds.enabled", true);
    }
    expect(await buildCount()).toBe(count);
    expect((await refusals("builds_disabled")).length).toBe(1);
  });

  it("logs at most 30 refusals per repository in 10 minutes, still refusing every call", async () => {
    const logged = (await refusals()).length;
    for (let i = 0; i < 30; i++)
      expect((await github({ ref: "refs/heads/main", after: sha(70) }, "push", "x")).status).toBe(401);
    expect((await refusals()).length).toBe(30);
    expect(logged).toBeLessThan(30);
  });

  it("rotating the secret (API, admins only) answers the new one once; the old one is refused", async () => {
    const other = await apiUser("bhx");
    expect((await api.call("rotateBuildWebhookSecret", other.tokens.read_write, { params: repo() })).status).toBe(404);
    const res = await api.call("rotateBuildWebhookSecret", owner.tokens.read_write, { params: repo() });
    expect(res.status).toBe(200);
    expect(res.body.webhook_secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const old = secret;
    secret = res.body.webhook_secret;
    // The per-repository refusal log is full from the test above: the refusal is still a 401.
    expect((await github({ ref: "refs/heads/dev", after: sha(80) }, "push", old)).status).toBe(401);
    expect((await github({ ref: "refs/heads/dev", after: sha(81) })).status).toBe(202);
    const { rows } = await db.query(
      "select count(*)::int as n from audit_events where action = 'build_webhook_secret_rotated' and target = $1",
      [`${owner.username}/app`],
    );
    expect(rows[0].n).toBe(1);
  });
});
