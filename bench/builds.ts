/**
 * Automated builds benchmark (issue 23), through a console started as the README says, with a Git
 * repository served by `git http-backend` on loopback:
 *  - the layer cache: the first build of a Dockerfile whose RUN step does an install's work (writes
 *    2,000 files and 32 MB, then waits 3 s, standing in for a dependency download), against the
 *    rebuild at a new commit that only changes a file COPYed after it. Each round uses a new
 *    repository, so its first build starts with an empty cache. Timed from "Build now" (POST
 *    …/builds) until the record says succeeded: queue, clone, buildah bud, push through the door.
 *
 *   npm run bench:builds      (ROUNDS=3)
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startGitHttpServer } from "../tests/harness/git-http-server";
import { pushBusyboxBase, servedRepo } from "../tests/helpers/build-fixtures";
import { benchUser, startBenchConsole } from "./lib/bench-console";
import { table, writeSection } from "./lib/results";
import { fmt, median } from "./lib/stats";

const ROUNDS = Number(process.env.ROUNDS ?? 3);
const TOKEN = "bench-git-token-0123456789";

const loadStart = os.loadavg()[0]!;
const bench = await startBenchConsole({ env: { TRUST_PROXY: "0" } });
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
      ],
    )}

- Each round: a new repository (an empty layer cache), a Dockerfile \`FROM\` a busybox base, \`COPY deps.txt\`, a RUN step that writes 2,000 files and a 32 MB file and then waits 3 s (standing in for downloading dependencies), then \`COPY late.txt\`; built by "Build now" (\`POST /api/v1/repositories/…/builds\`), timed until \`GET …/builds/{number}\` says succeeded (polled every 50 ms). Then a commit changing only late.txt, built the same way. First builds ${first.map((s) => fmt(s, 2)).join(", ")} s; rebuilds ${rebuild.map((s) => fmt(s, 2)).join(", ")} s. The rebuild's log showed the RUN step "Using cache" in ${cachedSteps.filter(Boolean).length} of ${ROUNDS} rounds.
- Both include the queue, the shallow clone at the commit (git http-backend on loopback), \`buildah bud\` rootless as the build user (vfs storage: every layer is a full copy, which is what makes the cached steps worth skipping), and the push through the console's front door with the build's own credential (only the changed layers are uploaded again).
- Load average (1 min) at the start ${fmt(loadStart, 1)}, at the end ${fmt(os.loadavg()[0]!, 1)}.`,
  );
} finally {
  await git.close();
  await sql.end();
  await bench.stop();
  await fs.rm(tmp, { recursive: true, force: true });
}
