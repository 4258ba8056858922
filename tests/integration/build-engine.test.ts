import { execFileSync } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { BuildError, runBuild, type BuildLogEvent, type RunBuildInput } from "@/lib/builds/engine";
import { startGitHttpServer, type GitHttpServer } from "@/tests/harness/git-http-server";
import { servedRepo, type ServedRepo } from "@/tests/helpers/build-fixtures";
import { uniqueName } from "@/tests/helpers/factory";
import { inspectRaw, skopeoRun } from "@/tests/helpers/oci-image";

const c = inject("console");
const TOKEN = "git-token-0123456789abcdef";
const admin = { username: c.admin.username, password: c.admin.password };

let tmp: string;
let server: GitHttpServer;
let workRoot: string;
let baseRef: string;

const repos = new Map<string, ServedRepo>();

/** A served bare repository `<name>.git` plus a work tree to commit into; returns the work tree. */
async function newRepo(name: string): Promise<string> {
  const repo = await servedRepo(tmp, name);
  repos.set(repo.work, repo);
  return repo.work;
}

/** Writes files, commits them on `branch` and pushes; returns the commit. */
function commit(work: string, files: Record<string, string | Buffer>, branch = "main"): Promise<string> {
  return repos.get(work)!.commit(files, branch);
}

function collect() {
  const events: BuildLogEvent[] = [];
  return { events, onLog: (e: BuildLogEvent) => events.push(e), text: () => events.map((e) => e.text).join("") };
}

function input(repo: string, extra: Partial<RunBuildInput>): RunBuildInput {
  return {
    gitUrl: `${server.url}/${repo}.git`,
    credential: { type: "token", token: TOKEN },
    imageRef: `${c.registryHost}/${admin.username}/${repo}:latest`,
    registryAuth: admin,
    cacheDir: path.join(tmp, "cache", repo),
    workRoot,
    ...extra,
  };
}

async function failure(p: Promise<unknown>): Promise<BuildError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(BuildError);
  return e as BuildError;
}

function text1Step(text: string, step: number): string {
  return text.slice(text.indexOf(`STEP ${step}/`), text.indexOf(`STEP ${step + 1}/`));
}

function leftoverProcesses(marker: string): string[] {
  const out = execFileSync("ps", ["-eo", "args"], { encoding: "utf8" });
  return out.split("\n").filter((l) => l.includes(marker) && !l.includes("ps -eo"));
}

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "build-engine-"));
  await fs.chmod(tmp, 0o711); // the build user reaches its cache and work directories below
  workRoot = path.join(tmp, "builds");
  await fs.mkdir(path.join(tmp, "served"), { recursive: true });
  server = await startGitHttpServer({ projectRoot: path.join(tmp, "served"), token: TOKEN });
  // The base image: a static busybox (Debian's busybox-static) and its applets, built by the engine itself.
  const base = await newRepo(uniqueName("base"));
  await fs.mkdir(base, { recursive: true });
  await fs.copyFile("/bin/busybox", path.join(base, "busybox"));
  await fs.chmod(path.join(base, "busybox"), 0o755);
  await commit(base, {
    Dockerfile: 'FROM scratch\nCOPY busybox /bin/busybox\nRUN ["/bin/busybox", "--install", "-s", "/bin"]\n',
  });
  const name = path.basename(base);
  const r = await runBuild(input(name, { ref: "main" }));
  baseRef = `${c.registryHost}/${admin.username}/${name}@${r.digest}`;
}, 300_000);

afterAll(async () => {
  await server?.close();
  await fs.rm(tmp, { recursive: true, force: true });
});

describe("build engine: clone, buildah bud rootless, push", () => {
  it("builds RUN/ENV/COPY/ARG at a commit, pushes it, and a late-layer change rebuilds from the cache", async () => {
    const name = uniqueName("app");
    const work = await newRepo(name);
    const dockerfile = [
      "ARG BASE",
      "FROM ${BASE}",
      "ARG GREETING=hello",
      "ENV GREETING=${GREETING} APP_HOME=/app",
      "COPY app.txt /app/app.txt",
      // A slow step: the cached rebuild skips it.
      'RUN echo "$GREETING from $(cat /app/app.txt)" > /app/greeting && for i in 1 2 3 4 5 6; do sleep 1; done',
      "COPY late.txt /app/late.txt",
      "",
    ].join("\n");
    const first = await commit(work, {
      "build/Dockerfile": dockerfile,
      "src/app.txt": "app v1\n",
      "src/late.txt": "1\n",
    });
    await commit(work, { "src/late.txt": "moved on\n" }); // main moves on; the build below is pinned to `first`

    const log1 = collect();
    const t1 = Date.now();
    const r1 = await runBuild(
      input(name, {
        commit: first,
        dockerfile: "build/Dockerfile",
        context: "src",
        buildArgs: { BASE: baseRef, GREETING: "bonjour" },
        imageRef: `${c.registryHost}/${admin.username}/${name}:v1`,
        onLog: log1.onLog,
      }),
    );
    const s1 = (Date.now() - t1) / 1000;
    expect(r1.commit).toBe(first);
    expect(r1.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(log1.text()).toContain("STEP 5/");
    expect(log1.events.some((e) => e.stream === "engine")).toBe(true);
    expect(log1.text()).not.toContain(TOKEN);
    expect(log1.text()).not.toContain(admin.password);

    const ref = { registry: c.registryHost, repository: `${admin.username}/${name}`, tag: "v1", ...admin };
    const manifest = JSON.parse(await inspectRaw(ref));
    const config = JSON.parse(await inspectRaw(ref, undefined, { config: true }));
    // busybox + applets (base) + COPY + RUN + COPY
    expect(manifest.layers).toHaveLength(5);
    expect(config.config.Env).toEqual(expect.arrayContaining(["GREETING=bonjour", "APP_HOME=/app"]));
    const inspected = await skopeoRun([
      "inspect",
      "--tls-verify=false",
      "--creds",
      `${admin.username}:${admin.password}`,
      `docker://${c.registryHost}/${admin.username}/${name}:v1`,
    ]);
    expect(inspected.code).toBe(0);
    expect(JSON.parse(inspected.stdout).Digest).toBe(r1.digest);
    // Nothing of the build stays behind.
    expect(await fs.readdir(workRoot)).toEqual([]);

    const second = await commit(work, { "src/late.txt": "2\n" });
    const log2 = collect();
    const t2 = Date.now();
    const r2 = await runBuild(
      input(name, {
        ref: "main",
        dockerfile: "build/Dockerfile",
        context: "src",
        buildArgs: { BASE: baseRef, GREETING: "bonjour" },
        imageRef: `${c.registryHost}/${admin.username}/${name}:v2`,
        onLog: log2.onLog,
      }),
    );
    const s2 = (Date.now() - t2) / 1000;
    expect(r2.commit).toBe(second);
    expect(r2.digest).not.toBe(r1.digest);
    // The RUN step (step 5) comes from the cache; the changed late COPY (step 6) does not.
    const text2 = log2.text();
    const runStep = text2.slice(text2.indexOf("STEP 5/"), text2.indexOf("STEP 6/"));
    expect(runStep).toContain("Using cache");
    expect(text1Step(log1.text(), 5)).not.toContain("Using cache");
    expect(text2.slice(text2.indexOf("STEP 6/"))).not.toContain("Using cache");
    const m2 = JSON.parse(await inspectRaw({ ...ref, tag: "v2" }));
    expect(m2.layers.slice(0, 4)).toEqual(manifest.layers.slice(0, 4));
    console.log(
      `[bench] first build ${s1.toFixed(1)} s, cached rebuild ${s2.toFixed(1)} s, ratio ${(s1 / s2).toFixed(1)}x`,
    );
  }, 300_000);

  it("names the reason: wrong token, unreachable URL, missing ref or commit, missing Dockerfile, escaping path", async () => {
    const name = uniqueName("bad");
    const work = await newRepo(name);
    const sha = await commit(work, { Dockerfile: `FROM ${baseRef}\n` });

    const log = collect();
    const wrong = await failure(
      runBuild(input(name, { ref: "main", credential: { type: "token", token: "wrong-token-42" }, onLog: log.onLog })),
    );
    expect(wrong.code).toBe("git_auth");
    expect(wrong.message + log.text()).not.toContain("wrong-token-42");
    expect(log.text()).toContain("git_auth");

    const none = await failure(runBuild(input(name, { ref: "main", credential: null })));
    expect(none.code).toBe("git_auth");

    const closed = await startGitHttpServer({ projectRoot: tmp });
    const closedUrl = closed.url;
    await closed.close();
    const unreachable = await failure(runBuild(input(name, { ref: "main", gitUrl: `${closedUrl}/${name}.git` })));
    expect(unreachable.code).toBe("git_unreachable");

    expect((await failure(runBuild(input(name, { ref: "no-such-branch" })))).code).toBe("ref_not_found");
    expect((await failure(runBuild(input(name, { commit: "0123456789abcdef0123456789abcdef01234567" })))).code).toBe(
      "ref_not_found",
    );

    // A deploy key goes through ssh (real client) and its file is gone afterwards, like everything else.
    const keyPath = path.join(tmp, `key-${name}`);
    execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", keyPath]);
    const privateKey = await fs.readFile(keyPath, "utf8");
    const sshDown = await failure(
      runBuild(
        input(name, {
          ref: "main",
          gitUrl: `ssh://git@${new URL(closedUrl).host}/${name}.git`,
          credential: { type: "ssh", privateKey },
        }),
      ),
    );
    expect(sshDown.code).toBe("git_unreachable");
    expect(await fs.readdir(workRoot)).toEqual([]);

    // The log cap: the build goes on, the log stops at the cap with a notice.
    const capped = collect();
    const r = await runBuild(input(name, { commit: sha, logLimitBytes: 300, onLog: capped.onLog }));
    expect(r.logTruncated).toBe(true);
    expect(capped.text()).toContain("[log truncated at 300 bytes");
    expect(Buffer.byteLength(capped.text())).toBeLessThan(400);

    const noUser = await failure(runBuild(input(name, { commit: sha, buildUser: "no-such-build-user" })));
    expect(noUser.message).toContain("no-such-build-user");

    const missing = await failure(runBuild(input(name, { commit: sha, dockerfile: "docker/Dockerfile" })));
    expect(missing.code).toBe("dockerfile_missing");
    expect(missing.message).toContain("docker/Dockerfile");
    expect((await failure(runBuild(input(name, { commit: sha, dockerfile: "../../etc/passwd" })))).code).toBe(
      "invalid_path",
    );
    expect((await failure(runBuild(input(name, { commit: sha, context: "/etc" })))).code).toBe("invalid_path");
    expect(await fs.readdir(workRoot)).toEqual([]);
  }, 300_000);

  it("cancel and the timeout stop the whole build, its RUN processes included, and remove the work dir", async () => {
    const name = uniqueName("slow");
    const work = await newRepo(name);
    const sha = await commit(work, { Dockerfile: `FROM ${baseRef}\nARG N\nRUN echo started-$N && sleep 300$N\n` });

    const controller = new AbortController();
    const log = collect();
    const cancelled = runBuild(
      input(name, {
        commit: sha,
        buildArgs: { N: "1" },
        signal: controller.signal,
        onLog: (e) => {
          log.onLog(e);
          if (e.text.includes("started-1")) controller.abort();
        },
      }),
    );
    expect((await failure(cancelled)).code).toBe("cancelled");
    expect(await fs.readdir(workRoot)).toEqual([]);
    await expect.poll(() => leftoverProcesses("sleep 3001"), { timeout: 10_000 }).toEqual([]);

    const t = Date.now();
    const timedOut = await failure(runBuild(input(name, { commit: sha, buildArgs: { N: "2" }, timeoutMs: 15_000 })));
    expect(timedOut.code).toBe("timeout");
    expect(Date.now() - t).toBeLessThan(60_000);
    expect(await fs.readdir(workRoot)).toEqual([]);
    await expect.poll(() => leftoverProcesses("sleep 3002"), { timeout: 10_000 }).toEqual([]);
  }, 300_000);

  it.each(["none", "slirp4netns"] as const)(
    "isolation (network %s): a RUN step cannot reach the console, its registry or the database on the host",
    async (network) => {
      const name = uniqueName(`iso-${network}`);
      const work = await newRepo(name);
      const ports = [new URL(c.url).port, new URL(c.registryUrl).port, "5432"];
      const targets = ports.flatMap((p) => [`127.0.0.1:${p}`, `10.0.2.2:${p}`]);
      // The probe itself works: from the host, the same busybox nc reaches every port.
      for (const p of ports) execFileSync("/bin/busybox", ["nc", "-w", "3", "127.0.0.1", p], { input: "" });
      const sha = await commit(work, {
        Dockerfile: [
          `FROM ${baseRef}`,
          "ARG TARGETS",
          'RUN for t in $TARGETS; do if nc -w 3 "${t%:*}" "${t#*:}" </dev/null; then echo "REACHED $t"; exit 1; fi; echo "blocked $t"; done',
          "",
        ].join("\n"),
      });
      const log = collect();
      await runBuild(
        input(name, { commit: sha, network, buildArgs: { TARGETS: targets.join(" ") }, onLog: log.onLog }),
      );
      for (const t of targets) expect(log.text()).toContain(`blocked ${t}`);
      // Line start: buildah echoes the RUN command itself, which contains the word.
      expect(log.text()).not.toMatch(/^REACHED /m);
    },
    300_000,
  );
});
