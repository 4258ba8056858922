import { execFileSync } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Actor } from "@/lib/authz/rules/repository-permissions";
import { getSiteSetting } from "@/lib/data/site-settings";
import { createRepository } from "@/lib/services/repository/create";
import { updateSiteSetting } from "@/lib/services/site-setting/update";
import { startConsoleInstance, type ConsoleInstance } from "@/tests/harness/console-instance";
import { startGitHttpServer, type GitHttpServer } from "@/tests/harness/git-http-server";
import { openApiClient } from "@/tests/helpers/api";
import { apiUser, type ApiUser } from "@/tests/helpers/api-fixtures";
import { pushBusyboxBase, servedRepo } from "@/tests/helpers/build-fixtures";
import { uniqueName } from "@/tests/helpers/factory";

/**
 * A console killed in the middle of a build (issue 23): when the start command brings its web
 * server back, the build is marked failed ("interrupted"), what it left running (buildah and the
 * RUN step) is killed, and its working directory is gone. A console of its own (to kill), on the
 * shared database with the shared console's keys.
 */
const c = inject("console");
const db = new pg.Pool({ connectionString: c.databaseUrl, max: 2 });
const TOKEN = "git-token-crash-0123456789";
let instance: ConsoleInstance;
let api: Awaited<ReturnType<typeof openApiClient>>;
let git: GitHttpServer;
let tmp: string;
let u: ApiUser;
let operator: Actor;
let before: { enabled: boolean; privateGit: boolean };

beforeAll(async () => {
  const { rows } = await db.query<{ id: string }>("select id from users where username = $1", [c.admin.username]);
  operator = { kind: "user", userId: rows[0]!.id, isAdmin: true };
  before = {
    enabled: await getSiteSetting("builds.enabled"),
    privateGit: await getSiteSetting("builds.allow_private_git"),
  };
  await updateSiteSetting(operator, "builds.enabled", true);
  await updateSiteSetting(operator, "builds.allow_private_git", true);
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "rcp-build-crash-"));
  await fs.cp(path.join(c.dataDir, "keys"), path.join(dataDir, "keys"), { recursive: true });
  instance = await startConsoleInstance({ databaseUrl: c.databaseUrl, dataDir });
  api = await openApiClient(instance.url);
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "build-crash-"));
  await fs.chmod(tmp, 0o711);
  await fs.mkdir(path.join(tmp, "served"));
  git = await startGitHttpServer({ projectRoot: path.join(tmp, "served"), token: TOKEN });
  u = await apiUser("bc");
}, 180_000);

afterAll(async () => {
  await instance?.stop();
  await updateSiteSetting(operator, "builds.enabled", before.enabled);
  await updateSiteSetting(operator, "builds.allow_private_git", before.privateGit);
  await git?.close();
  await fs.rm(tmp, { recursive: true, force: true });
  await db.end();
});

function webServerPid(): number {
  const out = execFileSync("pgrep", ["-P", String(instance.child.pid), "-f", "web-server.ts"], { encoding: "utf8" });
  return Number(out.trim().split("\n")[0]);
}

describe("a console killed during a build", () => {
  it(
    "marks the build interrupted on restart, kills what it left running and removes its files",
    { timeout: 300_000 },
    async () => {
      const repo = uniqueName("crash");
      await createRepository(
        { kind: "user", userId: u.id, isAdmin: false },
        { namespace: u.username, name: repo, description: "", visibility: "private" },
      );
      const params = { namespace: u.username, name: repo };
      const tok = u.tokens.read_write;
      const base = await pushBusyboxBase({
        root: tmp,
        gitUrl: git.url,
        token: TOKEN,
        image: `${instance.registryHost}/${u.username}/${repo}:base`,
        auth: { username: u.username, password: tok },
      });
      const app = await servedRepo(tmp, "app");
      const marker = `crash-${Date.now()}`;
      await app.commit({ Dockerfile: `FROM ${base}\nRUN echo running-${marker} && sleep 200\n` });
      expect(
        (
          await api.call("updateBuildSettings", tok, {
            params,
            body: { git_url: `${git.url}/app.git`, credential_kind: "token", access_token: TOKEN },
          })
        ).status,
      ).toBe(200);
      const rule = await api.call("createBuildRule", tok, {
        params,
        body: {
          source_type: "branch",
          source_name: "main",
          source_regex: false,
          tag_template: "latest",
          dockerfile_path: "Dockerfile",
          context_dir: ".",
          build_args: [],
        },
      });
      // Queued through this console's API: its worker is woken at once and claims it (the shared
      // console would only find it at its next poll).
      const started = await api.call("startBuild", tok, { params, body: { rule_id: rule.body.id } });
      expect(started.status).toBe(202);
      const number = String(started.body.number);
      const pid = webServerPid();
      const read = async () => {
        const { rows } = await db.query<{ id: string; status: string; worker_id: string | null; error: string | null }>(
          `select b.id, b.status, b.worker_id, b.error from builds b join repositories r on r.id = b.repository_id
         join namespaces n on n.id = r.namespace_id where n.name = $1 and r.name = $2 and b.number = $3`,
          [u.username, repo, number],
        );
        return rows[0]!;
      };
      // The RUN step is running (its marker is in the stored log) in this console's web server.
      await expect
        .poll(
          async () =>
            (await api.call("getBuildLog", tok, { params: { ...params, number } })).body.pieces
              .map((p: { text: string }) => p.text)
              .join(""),
          { timeout: 120_000, interval: 250 },
        )
        .toContain(`running-${marker}`);
      const running = await read();
      expect(running.status).toBe("building");
      expect(running.worker_id).toContain(`:${pid}:`);
      const ps = () => execFileSync("ps", ["-eo", "args"], { encoding: "utf8" });
      expect(ps()).toContain("sleep 200");
      const workDir = path.join("/var/tmp/dockyard-builds/work", `build-${running.id}`);
      expect((await fs.stat(workDir)).isDirectory()).toBe(true);

      process.kill(pid, "SIGKILL");
      await expect.poll(() => instance.output().includes("web server restarted"), { timeout: 60_000 }).toBe(true);
      await expect.poll(async () => (await read()).status, { timeout: 60_000, interval: 250 }).toBe("failed");
      expect((await read()).error).toMatch(/^Interrupted/);
      expect(ps()).not.toContain("sleep 200");
      await expect(fs.stat(workDir)).rejects.toThrow();
      // The record and its log stay readable, and the build can be retried.
      const record = await api.call("getBuild", tok, { params: { ...params, number } });
      expect(record.body).toMatchObject({ status: "failed" });
      const retried = await api.call("retryBuild", tok, { params: { ...params, number } });
      expect(retried.status).toBe(202);
      await api.call("cancelBuild", tok, { params: { ...params, number: String(retried.body.number) } });
    },
  );
});
