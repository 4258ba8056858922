/**
 * Automated builds benchmark (issue 23), through a console started as the README says, with a Git
 * repository served by `git http-backend` on loopback:
 *  - the layer cache: the first build of a Dockerfile whose RUN step does an install's work (writes
 *    2,000 files and 32 MB, then waits 3 s, standing in for a dependency download), against the
 *    rebuild at a new commit that only changes a file COPYed after it. Each round uses a new
 *    repository, so its first build starts with an empty cache. Timed from "Build now" (POST
 *    …/builds) until the record says succeeded: queue, clone, buildah bud, push through the door.
 *
 *  - memory: the console's web server (which runs the build worker and serves the live log) while
 *    a build writes a 50 MB log and two browsers follow it live over server-sent events (the log
 *    route of the build page, with a session cookie): its RSS against the reading before the build.
 *
 *   npm run bench:builds      (ROUNDS=3 LOG_MB=50)
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { execFileSync } from "node:child_process";
import http from "node:http";
import { startGitHttpServer } from "../tests/harness/git-http-server";
import { sessionCookie } from "../tests/helpers/session";
import { pushBusyboxBase, servedRepo } from "../tests/helpers/build-fixtures";
import { benchUser, startBenchConsole } from "./lib/bench-console";
import { table, writeSection } from "./lib/results";
import { fmt, median } from "./lib/stats";

const ROUNDS = Number(process.env.ROUNDS ?? 3);
const LOG_MB = Number(process.env.LOG_MB ?? 50);
const TOKEN = "bench-git-token-0123456789";

const loadStart = os.loadavg()[0]!;
const bench = await startBenchConsole({ env: { TRUST_PROXY: "0", BUILD_LOG_LIMIT_MB: String(LOG_MB + 10) } });
const sql = new pg.Pool({ connectionString: bench.db.url, max: 1 });
const tmp = await fs.mkdtemp(path.join(os.tmpdir(), "bench-builds-"));
await fs.chmod(tmp, 0o711);
await fs.mkdir(path.join(tmp, "served"));
const git = await startGitHttpServer({ projectRoot: path.join(tmp, "served"), token: TOKEN });
try {
  const { instance } = bench;
  const { updateSiteSetting } = await import("@/lib/services/site-setting/update");
  const { rows } = await sql.query<{ id: string }>("select id from users where username = $1", [
    instance.admin.username,
  ]);
  const operator = { kind: "user" as const, userId: rows[0]!.id, isAdmin: true };
  await updateSiteSetting(operator, "builds.enabled", true);
  await updateSiteSetting(operator, "builds.allow_private_git", true);
  const user = await benchUser(`bb${Date.now().toString(36)}`, "read_write");
  const api = async (method: string, p: string, body?: unknown) => {
    const res = await fetch(`${instance.url}/api/v1${p}`, {
      method,
      headers: { Authorization: `Bearer ${user.token}`, "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = res.status === 204 ? null : await res.json();
    if (res.status >= 300) throw new Error(`${method} ${p}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const first: number[] = [];
  const rebuild: number[] = [];
  const cachedSteps: boolean[] = [];
  let base = "";
  for (let r = 0; r < ROUNDS; r++) {
    const repo = `app-${r}`;
    await api("POST", `/namespaces/${user.username}/repositories`, { name: repo, visibility: "private" });
    if (!base)
      base = await pushBusyboxBase({
        root: tmp,
        gitUrl: git.url,
        token: TOKEN,
        image: `${instance.registryHost}/${user.username}/${repo}:base`,
        auth: { username: user.username, password: user.token },
      });
    const src = await servedRepo(tmp, repo);
    await src.commit({
      Dockerfile: [
        `FROM ${base}`,
        "COPY deps.txt /app/deps.txt",
        // An install step: many files, a 32 MB layer, and a wait standing in for downloads.
        'RUN mkdir -p /app/lib && for i in $(seq 1 2000); do echo "module $i" > /app/lib/m$i.js; done && dd if=/dev/urandom of=/app/lib/blob bs=1M count=32 2>/dev/null && sleep 3',
        "COPY late.txt /app/late.txt",
        "",
      ].join("\n"),
      "deps.txt": "deps v1\n",
      "late.txt": "round 1\n",
    });
    const p = `/repositories/${user.username}/${repo}`;
    await api("PUT", `${p}/build-settings`, {
      git_url: `${git.url}/${repo}.git`,
      credential_kind: "token",
      access_token: TOKEN,
    });
    const rule = await api("POST", `${p}/build-rules`, {
      source_type: "branch",
      source_name: "main",
      source_regex: false,
      tag_template: "{sha7}",
      dockerfile_path: "Dockerfile",
      context_dir: ".",
      build_args: [],
    });
    const timed = async () => {
      const t = performance.now();
      const { number } = await api("POST", `${p}/builds`, { rule_id: rule.id });
      for (;;) {
        const b = await api("GET", `${p}/builds/${number}`);
        if (b.status === "succeeded") return { seconds: (performance.now() - t) / 1000, number };
        if (b.status === "failed" || b.status === "cancelled") throw new Error(`build #${number}: ${b.error}`);
        await new Promise((res) => setTimeout(res, 50));
      }
    };
    const a = await timed();
    first.push(a.seconds);
    await src.commit({ "late.txt": `round 2 of ${r}\n` });
    const b = await timed();
    rebuild.push(b.seconds);
    const log = await api("GET", `${p}/builds/${b.number}/log`);
    const text = log.pieces.map((x: { text: string }) => x.text).join("");
    const runStep = text.slice(text.indexOf("STEP 3/"), text.indexOf("STEP 4/"));
    cachedSteps.push(runStep.includes("Using cache"));
    console.log(
      `round ${r + 1}/${ROUNDS}: first ${fmt(a.seconds, 2)} s, rebuild ${fmt(b.seconds, 2)} s, RUN from cache: ${cachedSteps.at(-1)}`,
    );
  }
  // Memory: a build printing LOG_MB of output, followed live by two browsers.
  const memRepo = "log-flood";
  await api("POST", `/namespaces/${user.username}/repositories`, { name: memRepo, visibility: "private" });
  const flood = await servedRepo(tmp, memRepo);
  await flood.commit({
    Dockerfile: `FROM ${base}\nRUN yes "build output line: 0123456789 abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ" | head -c ${LOG_MB * 1024 * 1024}\n`,
  });
  const mp = `/repositories/${user.username}/${memRepo}`;
  await api("PUT", `${mp}/build-settings`, {
    git_url: `${git.url}/${memRepo}.git`,
    credential_kind: "token",
    access_token: TOKEN,
  });
  const memRule = await api("POST", `${mp}/build-rules`, {
    source_type: "branch",
    source_name: "main",
    source_regex: false,
    tag_template: "latest",
    dockerfile_path: "Dockerfile",
    context_dir: ".",
    build_args: [],
  });
  const cookie = await sessionCookie(instance.url, user.id);
  const webPid = Number(
    execFileSync("pgrep", ["-P", String(instance.child.pid), "-f", "web-server.ts"], { encoding: "utf8" })
      .trim()
      .split("\n")[0],
  );
  const rss = () =>
    Number(/VmRSS:\s+(\d+)/.exec(execFileSync("cat", [`/proc/${webPid}/status`], { encoding: "utf8" }))![1]) / 1024;
  await new Promise((r) => setTimeout(r, 2000));
  const rssBefore = rss();
  let rssMax = rssBefore;
  const sampler = setInterval(() => (rssMax = Math.max(rssMax, rss())), 20);
  const tMem = performance.now();
  const { number: memNumber } = await api("POST", `${mp}/builds`, { rule_id: memRule.id });
  const follow = () =>
    new Promise<{ bytes: number; ended: boolean; seconds: number }>((resolve, reject) => {
      const t = performance.now();
      const req = http.get(
        `${instance.url}/r/${user.username}/${memRepo}/builds/${memNumber}/log`,
        { headers: { accept: "text/event-stream", cookie } },
        (res) => {
          if (res.statusCode !== 200) return reject(new Error(`log stream: ${res.statusCode}`));
          let bytes = 0;
          let tail = "";
          res.on("data", (chunk: Buffer) => {
            bytes += chunk.length;
            tail = (tail + chunk.toString("latin1")).slice(-64);
            if (/event: end/.test(tail)) {
              req.destroy();
              resolve({ bytes, ended: true, seconds: (performance.now() - t) / 1000 });
            }
          });
          res.on("end", () => resolve({ bytes, ended: false, seconds: (performance.now() - t) / 1000 }));
        },
      );
      req.on("error", (err) => (err.message.includes("socket hang up") ? undefined : reject(err)));
    });
  const followers = await Promise.all([follow(), follow()]);
  clearInterval(sampler);
  const memBuild = await api("GET", `${mp}/builds/${memNumber}`);
  const memSeconds = (performance.now() - tMem) / 1000;
  const rssAfter = rss();
  console.log(
    `log of ${fmt(memBuild.log_bytes / 1024 / 1024, 1)} MB (${memBuild.status}) followed by 2 clients: ${followers.map((f) => `${fmt(f.bytes / 1024 / 1024, 1)} MB in ${fmt(f.seconds, 1)} s`).join(", ")}; RSS ${fmt(rssBefore, 0)} → max ${fmt(rssMax, 0)} MB`,
  );
  const growth = rssMax - rssBefore;
  const ratio = median(first) / median(rebuild);
  writeSection(
    "builds",
    "Automated builds",
    `${table(
      ["what", "first build", "rebuild (late layer changed)", "ratio", "target", ""],
      [
        [
          `build from "Build now" to succeeded (${ROUNDS} rounds, median)`,
          `${fmt(median(first), 2)} s`,
          `${fmt(median(rebuild), 2)} s`,
          `**${fmt(ratio, 1)}×** faster`,
          "≥ 3× faster",
          ratio >= 3 ? "**met**" : "**missed**",
        ],
        [
          `console (web server) RSS while a build writes a ${fmt(memBuild.log_bytes / 1024 / 1024, 1)} MB log and 2 browsers follow it live`,
          `${fmt(rssBefore, 0)} → max ${fmt(rssMax, 0)} MB`,
          "–",
          `**+${fmt(growth, 1)} MB**`,
          "< 100 MB growth",
          growth < 100 && followers.every((f) => f.ended) ? "**met**" : "**missed**",
        ],
      ],
    )}

- Each round: a new repository (an empty layer cache), a Dockerfile \`FROM\` a busybox base, \`COPY deps.txt\`, a RUN step that writes 2,000 files and a 32 MB file and then waits 3 s (standing in for downloading dependencies), then \`COPY late.txt\`; built by "Build now" (\`POST /api/v1/repositories/…/builds\`), timed until \`GET …/builds/{number}\` says succeeded (polled every 50 ms). Then a commit changing only late.txt, built the same way. First builds ${first.map((s) => fmt(s, 2)).join(", ")} s; rebuilds ${rebuild.map((s) => fmt(s, 2)).join(", ")} s. The rebuild's log showed the RUN step "Using cache" in ${cachedSteps.filter(Boolean).length} of ${ROUNDS} rounds.
- Both include the queue, the shallow clone at the commit (git http-backend on loopback), \`buildah bud\` rootless as the build user (vfs storage: every layer is a full copy, which is what makes the cached steps worth skipping), and the push through the console's front door with the build's own credential (only the changed layers are uploaded again).
- Memory: a build whose RUN step prints ${LOG_MB} MB (\`yes … | head -c\`), with the log cap at ${LOG_MB + 10} MB; two clients (Node's \`http\`, \`Accept: text/event-stream\`, a session cookie, as the build page's EventSource) open the live log route (\`/r/…/builds/{number}/log\`) as the build is queued and read until \`event: end\`: ${followers.map((f) => `${fmt(f.bytes / 1024 / 1024, 1)} MB in ${fmt(f.seconds, 1)} s`).join(" and ")} (the log as JSON strings in SSE frames); the build took ${fmt(memSeconds, 1)} s from "Build now" to both clients' end (${memBuild.status}). \`VmRSS\` of the web server (which runs the build worker, stores the log in pieces and serves both streams) read from \`/proc\` every 20 ms, against the reading before the build; ${fmt(rssAfter, 0)} MB after.
- Load average (1 min) at the start ${fmt(loadStart, 1)}, at the end ${fmt(os.loadavg()[0]!, 1)}.`,
  );
} finally {
  await git.close();
  await sql.end();
  await bench.stop();
  await fs.rm(tmp, { recursive: true, force: true });
}
