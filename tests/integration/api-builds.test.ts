import { execFileSync } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import crypto from "node:crypto";
import { grantForScope } from "@/lib/authz/registry-access";
import { getImageDetail } from "@/lib/data/image-details";
import type { Actor } from "@/lib/authz/rules/repository-permissions";
import { getSiteSetting } from "@/lib/data/site-settings";
import { createRepository } from "@/lib/services/repository/create";
import { updateSiteSetting } from "@/lib/services/site-setting/update";
import { createWebhook } from "@/lib/services/webhook/create";
import { webhookInputSchema } from "@/lib/validations/webhook";
import { startDockerDaemon, type DockerDaemon } from "@/tests/harness/docker-daemon";
import { startGitHttpServer, type GitHttpServer } from "@/tests/harness/git-http-server";
import { openApiClient } from "@/tests/helpers/api";
import { apiUser, type ApiUser } from "@/tests/helpers/api-fixtures";
import { gitSh, pushBusyboxBase, servedRepo, type ServedRepo } from "@/tests/helpers/build-fixtures";
import { uniqueName } from "@/tests/helpers/factory";
import { startWebhookReceiver } from "@/tests/helpers/webhook-receiver";

/**
 * Automated builds end to end (issue 23): a real Git repository served by `git http-backend`, the
 * console's build worker (rootless buildah as the build user), the push through the front door
 * with the build's own credential, the record, the stored log, the tag in the index, and a
 * `docker pull` of what was built. Then a tag rule with a pattern, failures with their reasons,
 * cancel and retry.
 */
const c = inject("console");
const db = new pg.Pool({ connectionString: c.databaseUrl, max: 2 });
const TOKEN = "git-token-builds-0123456789";
let api: Awaited<ReturnType<typeof openApiClient>>;
let u: ApiUser;
let tmp: string;
let git: GitHttpServer;
let repo: string;
let work: string;
let baseRef: string;
let before: { enabled: boolean; privateGit: boolean; privateTargets: boolean };
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let hookSecret: string;
const HOOK = `/builds-${Date.now()}`;
let operator: Actor;

const sh = gitSh;
let commit: ServedRepo["commit"];

const params = () => ({ namespace: u.username, name: repo });
const tok = () => u.tokens.read_write;

async function addRule(body: Record<string, unknown>): Promise<string> {
  const r = await api.call("createBuildRule", tok(), {
    params: params(),
    body: {
      source_type: "branch",
      source_name: "main",
      source_regex: false,
      tag_template: "{branch}",
      dockerfile_path: "Dockerfile",
      context_dir: ".",
      build_args: [{ key: "BASE", value: baseRef }],
      ...body,
    },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.id as string;
}

async function buildNow(ruleId: string, ref?: string) {
  const r = await api.call("startBuild", tok(), {
    params: params(),
    body: { rule_id: ruleId, ...(ref ? { ref } : {}) },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(202);
  return r.body as { number: number; status: string };
}

async function waitFor(number: number, done: (b: Record<string, unknown>) => boolean, timeoutMs = 240_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await api.call("getBuild", tok(), { params: { ...params(), number: String(number) } });
    if (done(r.body)) return r.body as Record<string, string | null>;
    if (Date.now() > deadline) throw new Error(`build #${number} stayed ${r.body.status}`);
    await new Promise((res) => setTimeout(res, 250));
  }
}
const finished = (b: Record<string, unknown>) => ["succeeded", "failed", "cancelled"].includes(String(b.status));

async function wholeLog(number: number): Promise<string> {
  let after = 0;
  let text = "";
  for (;;) {
    const r = await api.call("getBuildLog", tok(), {
      params: { ...params(), number: String(number) },
      query: { after },
    });
    text += r.body.pieces.map((p: { text: string }) => p.text).join("");
    if (r.body.complete || r.body.next_after === after) return text;
    after = r.body.next_after;
  }
}

beforeAll(async () => {
  api = await openApiClient(c.url);
  const { rows } = await db.query<{ id: string }>("select id from users where username = $1", [c.admin.username]);
  operator = { kind: "user", userId: rows[0]!.id, isAdmin: true };
  before = {
    enabled: await getSiteSetting("builds.enabled"),
    privateGit: await getSiteSetting("builds.allow_private_git"),
    privateTargets: await getSiteSetting("webhooks.allow_private_targets"),
  };
  await updateSiteSetting(operator, "webhooks.allow_private_targets", true);
  receiver = await startWebhookReceiver();
  await updateSiteSetting(operator, "builds.enabled", true);
  await updateSiteSetting(operator, "builds.allow_private_git", true);
  u = await apiUser("bd");
  repo = uniqueName("app");
  await createRepository(
    { kind: "user", userId: u.id, isAdmin: false },
    { namespace: u.username, name: repo, description: "", visibility: "private" },
  );
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "builds-"));
  await fs.chmod(tmp, 0o711);
  await fs.mkdir(path.join(tmp, "served"));
  git = await startGitHttpServer({ projectRoot: path.join(tmp, "served"), token: TOKEN });
  const app = await servedRepo(tmp, "app");
  work = app.work;
  commit = app.commit;
  baseRef = await pushBusyboxBase({
    root: tmp,
    gitUrl: git.url,
    token: TOKEN,
    image: `${c.registryHost}/${u.username}/${repo}:base`,
    auth: { username: u.username, password: u.tokens.read_write },
  });
  const saved = await api.call("updateBuildSettings", tok(), {
    params: params(),
    body: { git_url: `${git.url}/app.git`, credential_kind: "token", access_token: TOKEN },
  });
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  hookSecret = saved.body.webhook_secret;
  await createWebhook(
    { kind: "user", userId: u.id, isAdmin: false },
    params(),
    webhookInputSchema.parse({
      webhookName: "builds",
      url: receiver.url(HOOK),
      triggerType: "all",
      events: ["build_succeeded", "build_failed"],
    }),
  );
}, 300_000);

afterAll(async () => {
  await updateSiteSetting(operator, "builds.enabled", before.enabled);
  await updateSiteSetting(operator, "builds.allow_private_git", before.privateGit);
  await updateSiteSetting(operator, "webhooks.allow_private_targets", before.privateTargets);
  await receiver?.close();
  await git?.close();
  await fs.rm(tmp, { recursive: true, force: true });
  await db.end();
});

describe("builds through the console", () => {
  let docker: DockerDaemon | undefined;
  afterAll(async () => {
    await docker?.stop();
  });

  it("a signed GitHub push: clone, RUN/ENV/COPY/ARG as the build user, push through the door, record, log, tag with layers and history, docker pull", async () => {
    const sha = await commit({
      Dockerfile:
        'ARG BASE\nFROM ${BASE}\nARG GREETING=hello\nENV GREETING=${GREETING}\nCOPY app.txt /app/app.txt\nRUN echo "$GREETING $(cat /app/app.txt)" > /app/greeting && id -u > /app/uid\nCMD ["cat", "/app/greeting"]\n',
      "app.txt": "from git\n",
    });
    await addRule({
      tag_template: "{branch}-{sha7}",
      build_args: [
        { key: "BASE", value: baseRef },
        { key: "GREETING", value: "bonjour" },
      ],
    });
    // What GitHub sends on a push to main, signed with the repository's build webhook secret.
    const body = JSON.stringify({
      ref: "refs/heads/main",
      before: "0".repeat(40),
      after: sha,
      deleted: false,
      head_commit: { id: sha },
    });
    const hook = await fetch(`${c.url}/api/build-hooks/${u.username}/${repo}`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-github-event": "push",
        "x-hub-signature-256": `sha256=${crypto.createHmac("sha256", hookSecret).update(body).digest("hex")}`,
      },
      body,
    });
    expect(hook.status).toBe(202);
    const started = (await hook.json()) as { builds: Array<{ number: number; image_tag: string }> };
    expect(started.builds).toHaveLength(1);
    const queued = { number: started.builds[0]!.number };
    const b = await waitFor(queued.number, finished);
    const log = await wholeLog(queued.number);
    expect(b.status, `${b.error}\n${log}`).toBe("succeeded");
    expect(b).toMatchObject({
      trigger: "webhook",
      trigger_source: "github",
      started_by: null,
      ref: "main",
      commit: sha,
      image_tag: `main-${sha.slice(0, 7)}`,
    });
    expect(b.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(log).toContain("STEP 5/");
    expect(log).not.toContain(TOKEN);
    expect(log).not.toContain("dybuild_");
    // The tag is in the index, recorded as pushed by whoever started the build, with the build's digest.
    const tags = await api.call("listTags", tok(), { params: params() });
    const tag = tags.body.results.find((t: { name: string }) => t.name === b.image_tag);
    expect(tag?.digest).toBe(b.digest);
    // The image page's layers, aligned with the build history: base (busybox, its applets), COPY, RUN.
    const detail = await getImageDetail(`${u.username}/${repo}`, String(b.image_tag));
    expect(detail.image.layers).toHaveLength(4);
    const steps = detail.image.steps.map((s) => s.createdBy).join("\n");
    expect(steps).toMatch(/COPY .*app\.txt/);
    expect(steps).toContain("GREETING");
    expect(steps).toMatch(/RUN|\/bin\/sh -c echo/);
    expect(detail.image.config.config?.Env).toEqual(expect.arrayContaining(["GREETING=bonjour"]));
    // The build's credential ended with it: the token service refuses it now.
    const { rows } = await db.query<{ id: string; push_secret_hash: string | null }>(
      "select id, push_secret_hash from builds where number = $1 and repository_id = (select r.id from repositories r join namespaces n on n.id = r.namespace_id where n.name = $2 and r.name = $3)",
      [queued.number, u.username, repo],
    );
    expect(rows[0]!.push_secret_hash).toBeNull();
    const refused = await fetch(
      `${c.url}/api/registry/token?service=registry-console&scope=repository:${u.username}/${repo}:push`,
      {
        headers: {
          authorization: `Basic ${Buffer.from(`dockyard-build:dybuild_${rows[0]!.id}_${"a".repeat(43)}`).toString("base64")}`,
        },
      },
    );
    expect(refused.status).toBe(401);
    // docker pull of the built tag runs it.
    docker = await startDockerDaemon();
    expect(
      (await docker.docker(["login", c.registryHost, "-u", u.username, "--password-stdin"], { input: u.tokens.read }))
        .code,
    ).toBe(0);
    const image = `${c.registryHost}/${u.username}/${repo}:${b.image_tag}`;
    const pulled = await docker.docker(["pull", image]);
    expect(pulled.code, pulled.stderr).toBe(0);
    const ran = await docker.docker(["run", "--rm", "--network", "none", image]);
    expect(ran.stdout.trim()).toBe("bonjour from git");
    // RUN ran as root inside the user namespace, which is the unprivileged build user outside.
    const uid = await docker.docker(["run", "--rm", "--network", "none", image, "cat", "/app/uid"]);
    expect(uid.stdout.trim()).toBe("0");
    // The build_succeeded webhook (Docker Hub's body plus the build) and the starter's notification.
    await expect.poll(() => receiver.requests(HOOK).length, { timeout: 30_000 }).toBeGreaterThan(0);
    const delivered = JSON.parse(receiver.requests(HOOK)[0]!.body);
    expect(delivered).toMatchObject({
      event: "build_succeeded",
      push_data: { tag: b.image_tag, digest: b.digest },
      build: { number: queued.number, status: "succeeded", ref: "main", commit: sha, error: null },
    });
    expect(delivered.build.url).toContain(`/r/${u.username}/${repo}/builds/${queued.number}`);
    const { rows: notes } = await db.query<{ title: string }>(
      "select title from notifications where user_id = $1 and kind = 'build_finished'",
      [u.id],
    );
    expect(notes.map((n) => n.title)).toContain(`Build #${queued.number} of ${u.username}/${repo} succeeded`);
  }, 300_000);

  it("a tag rule with a pattern and a template names the image from the capture groups", async () => {
    await commit({ "app.txt": "release\n" });
    sh(work, "tag", "-f", "v2.5.1");
    sh(work, "push", "-q", "-f", "origin", "v2.5.1");
    const sha = sh(work, "rev-parse", "HEAD");
    const ruleId = await addRule({
      source_type: "tag",
      source_name: "^v(\\d+)\\.(\\d+)\\.\\d+$",
      source_regex: true,
      tag_template: "{1}.{2}-{sha7}",
    });
    const missing = await api.call("startBuild", tok(), { params: params(), body: { rule_id: ruleId } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.fieldErrors.ref).toBeTruthy();
    const wrong = await api.call("startBuild", tok(), {
      params: params(),
      body: { rule_id: ruleId, ref: "release-1" },
    });
    expect(wrong.status).toBe(400);
    const b = await waitFor((await buildNow(ruleId, "refs/tags/v2.5.1")).number, finished);
    expect(b.status, String(b.error)).toBe("succeeded");
    expect(b.image_tag).toBe(`2.5-${sha.slice(0, 7)}`);
    expect(b.ref).toBe("v2.5.1");
  }, 240_000);

  it("source trouble fails the build with the reason; the rule stays as it was", async () => {
    const noDockerfile = await addRule({ source_name: "nodocker", dockerfile_path: "missing/Dockerfile" });
    await commit({ "other.txt": "x" }, "nodocker");
    const a = await waitFor((await buildNow(noDockerfile)).number, finished);
    expect(a.status).toBe("failed");
    expect(a.error).toContain("no Dockerfile");
    await expect
      .poll(() => receiver.requests(HOOK).map((r) => JSON.parse(r.body).build?.number), { timeout: 30_000 })
      .toContain(a.number);
    const failedHook = receiver.requests(HOOK).find((r) => JSON.parse(r.body).build?.number === a.number)!;
    expect(JSON.parse(failedHook.body)).toMatchObject({ event: "build_failed", build: { status: "failed" } });
    const noRef = await addRule({ source_name: "never-pushed" });
    const b = await waitFor((await buildNow(noRef)).number, finished);
    expect(b.status).toBe("failed");
    expect(await wholeLog(Number(b.number))).toMatch(/not found|does not exist|no such/i);
    const rule = await api.call("listBuildRules", tok(), { params: params() });
    expect(rule.body.items.map((r: { id: string }) => r.id)).toEqual(expect.arrayContaining([noDockerfile, noRef]));
  }, 240_000);

  it("cancel stops a running build, and retry builds the same commit again as a new build", async () => {
    const slow = await addRule({ source_name: "slow" });
    const sha = await commit({ Dockerfile: "ARG BASE\nFROM ${BASE}\nRUN echo started-slow && sleep 120\n" }, "slow");
    const { number } = await buildNow(slow);
    await waitFor(number, (b) => b.status === "building", 120_000);
    // Wait for the RUN step itself, so the cancel has processes to stop.
    for (let i = 0; i < 240 && !(await wholeLog(number)).includes("started-slow"); i++)
      await new Promise((r) => setTimeout(r, 250));
    // The layer cache is in use: clearing it waits for the build.
    const busy = await api.call("clearBuildCache", tok(), { params: params() });
    expect(busy.status).toBe(409);
    const t = Date.now();
    const cancel = await api.call("cancelBuild", tok(), { params: { ...params(), number: String(number) } });
    expect(cancel.status).toBe(202);
    expect(cancel.body.status).toBe("cancelling");
    const b = await waitFor(number, finished, 30_000);
    expect(b.status).toBe("cancelled");
    expect(Date.now() - t).toBeLessThan(15_000);
    expect(execFileSync("ps", ["-eo", "args"], { encoding: "utf8" })).not.toContain("sleep 120");
    expect((await api.call("clearBuildCache", tok(), { params: params() })).status).toBe(204);
    const again = await api.call("cancelBuild", tok(), { params: { ...params(), number: String(number) } });
    expect(again.status).toBe(409);
    const retried = await api.call("retryBuild", tok(), { params: { ...params(), number: String(number) } });
    expect(retried.status).toBe(202);
    expect(retried.body).toMatchObject({ trigger: "retry", commit: sha, ref: "slow" });
    expect(retried.body.number).toBeGreaterThan(number);
    const cancelled = await api.call("cancelBuild", tok(), {
      params: { ...params(), number: String(retried.body.number) },
    });
    expect(cancelled.status).toBe(202);
    expect(finished(await waitFor(retried.body.number, finished, 30_000))).toBe(true);
    const list = await api.call("listBuilds", tok(), { params: params(), query: { page_size: 2 } });
    expect(list.body.results[0].number).toBe(retried.body.number);
    expect(list.body.count).toBeGreaterThanOrEqual(6);
  }, 240_000);

  it("a build's credential: push and pull on its repository, pull in its namespace, anonymous elsewhere", async () => {
    const other = await apiUser("bo");
    const mine = uniqueName("sib");
    const actorOf = (id: string) => ({ kind: "user" as const, userId: id, isAdmin: false });
    await createRepository(actorOf(u.id), {
      namespace: u.username,
      name: mine,
      description: "",
      visibility: "private",
    });
    await createRepository(actorOf(other.id), {
      namespace: other.username,
      name: "secret",
      description: "",
      visibility: "private",
    });
    await createRepository(actorOf(other.id), {
      namespace: other.username,
      name: "open",
      description: "",
      visibility: "public",
    });
    const build = {
      kind: "build" as const,
      buildId: crypto.randomUUID(),
      repository: `${u.username}/${repo}`,
      subject: u.username,
    };
    const grant = async (name: string, actions: string[]) =>
      (await grantForScope(build, { type: "repository", name, actions })).actions;
    expect(await grant(`${u.username}/${repo}`, ["pull", "push", "delete"])).toEqual(["pull", "push"]);
    expect(await grant(`${u.username}/${repo}`, ["*"])).toEqual(["pull", "push"]);
    expect(await grant(`${u.username}/${mine}`, ["pull", "push"])).toEqual(["pull"]);
    expect(await grant(`${u.username}/not-there`, ["pull", "push"])).toEqual([]);
    expect(await grant(`${other.username}/secret`, ["pull", "push"])).toEqual([]);
    expect(await grant(`${other.username}/open`, ["pull", "push"])).toEqual(["pull"]);
  });

  it("builds switched off: Build now is refused and nothing is queued", async () => {
    await updateSiteSetting(operator, "builds.enabled", false);
    try {
      const rules = await api.call("listBuildRules", tok(), { params: params() });
      const count = (await api.call("listBuilds", tok(), { params: params() })).body.count;
      const r = await api.call("startBuild", tok(), { params: params(), body: { rule_id: rules.body.items[0].id } });
      expect(r.status).toBe(409);
      expect(r.body.error.message).toContain("not enabled");
      expect((await api.call("listBuilds", tok(), { params: params() })).body.count).toBe(count);
    } finally {
      await updateSiteSetting(operator, "builds.enabled", true);
    }
  });
});
