/**
 * Start-up benchmark: from the README's start command to a healthy console, with the embedded
 * defaults (no DATABASE_URL: PGlite; the console's own registry), npm dependencies installed and the
 * app built. Each run starts on a fresh data directory (first start: keys, migrations, operator)
 * and then once more on the same directory (a restart), timed to the first healthy /api/health.
 *
 *   npm run bench:start-up        (RUNS=3)
 */
import { spawn } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { freePort } from "../tests/harness/free-port";
import { table, writeSection } from "./lib/results";
import { fmt, median } from "./lib/stats";

const RUNS = Number(process.env.RUNS ?? 3);
const ROOT = path.resolve(import.meta.dirname, "..");

async function startOnce(dataDir: string): Promise<number> {
  const [port, registryPort, dbPort] = [await freePort(), await freePort(), await freePort()];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    REGISTRY_PORT: String(registryPort),
    EMBEDDED_DB_PORT: String(dbPort),
    DATA_DIR: dataDir,
    NEXT_TELEMETRY_DISABLED: "1",
  };
  for (const k of [
    "DATABASE_URL",
    "REGISTRY_URL",
    "CONSOLE_URL",
    "AUTH_SECRET",
    "REGISTRY_EVENTS_SECRET",
    "REGISTRY_TOKEN_KEY_FILE",
    "REGISTRY_TOKEN_CERT_FILE",
    "DATABASE_POOL_MAX",
  ])
    delete env[k];
  const started = performance.now();
  // What scripts/start.sh runs once its install and build checks are satisfied.
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/console.ts"], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output += d));
  child.stderr.on("data", (d: Buffer) => (output += d));
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`console exited during start-up:\n${output}`);
      if (performance.now() - started > 120_000) throw new Error(`not healthy after 120 s:\n${output}`);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(1000) });
        const body = (await res.json()) as { status?: string };
        if (res.status === 200 && body.status === "ok") return performance.now() - started;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 25));
    }
  } finally {
    child.kill("SIGTERM");
    await exited;
  }
}

const first: number[] = [];
const again: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "rcp-startup-"));
  try {
    first.push(await startOnce(dir));
    again.push(await startOnce(dir));
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
const m = Math.max(median(first), median(again));
writeSection(
  "start-up",
  "Start-up",
  `${table(
    ["start", "runs", "median s", "min s", "max s"],
    [
      [
        "first start (fresh data directory)",
        RUNS,
        fmt(median(first) / 1000, 2),
        fmt(Math.min(...first) / 1000, 2),
        fmt(Math.max(...first) / 1000, 2),
      ],
      [
        "restart (same data directory)",
        RUNS,
        fmt(median(again) / 1000, 2),
        fmt(Math.min(...again) / 1000, 2),
        fmt(Math.max(...again) / 1000, 2),
      ],
    ],
  )}

- From spawning \`scripts/console.ts\` (what \`bash scripts/start.sh\` runs after its install and build checks) to the first \`GET /api/health\` answering 200 \`ok\` (database and registry both up), with the embedded PGlite database and the console's own registry.
- Target: under 20 s: **${m < 20_000 ? "met" : "missed"}** (worst median ${fmt(m / 1000, 2)} s).`,
);
