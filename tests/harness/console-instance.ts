import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import { createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { freePort } from "./free-port";

export type ConsoleInstance = {
  url: string;
  registryUrl: string;
  /** Where clients push and pull: the console's own address (its front door), not the registry's. */
  registryHost: string;
  dataDir: string;
  databaseUrl: string | null; // null: the embedded database
  admin: { username: string; password: string };
  eventsSecret: string;
  authSecret: string;
  keyFile: string;
  certFile: string;
  child: ChildProcess;
  output: () => string;
  stop: () => Promise<number | null>;
};

export type StartOptions = {
  databaseUrl?: string;
  dataDir?: string;
  port?: number;
  registryPort?: number;
  embeddedDbPort?: number;
  adminPassword?: string;
  env?: Record<string, string>;
  timeoutMs?: number;
};

const ROOT = path.resolve(import.meta.dirname, "..", "..");

/**
 * Runs the console exactly as the README's start command does (scripts/console.ts on the
 * production build), on free ports and its own data directory, and waits until it is ready.
 */
export async function startConsoleInstance(opts: StartOptions = {}): Promise<ConsoleInstance> {
  const dataDir = opts.dataDir ?? (await fs.mkdtemp(path.join(os.tmpdir(), "rcp-console-")));
  const port = opts.port ?? (await freePort());
  const registryPort = opts.registryPort ?? (await freePort());
  const embeddedDbPort = opts.embeddedDbPort ?? (await freePort());
  const adminPassword = opts.adminPassword ?? `pw-${crypto.randomBytes(12).toString("hex")}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(port),
    REGISTRY_PORT: String(registryPort),
    EMBEDDED_DB_PORT: String(embeddedDbPort),
    DATA_DIR: dataDir,
    CONSOLE_ADMIN_PASSWORD: adminPassword,
    // Tests stand in for several client addresses with X-Forwarded-For, as a trusted proxy would.
    TRUST_PROXY: "1",
    DELETION_RETRY_SECONDS: "1",
    INDEX_WATCH_SECONDS: "1",
    // Webhook retries within a test's patience: 0.5 s, 1 s, 2 s, …
    WEBHOOK_RETRY_BASE_SECONDS: "0.5",
    JOB_POLL_MS: "200",
    ...opts.env,
  };
  // Test workers carry the shared console's settings in their env; a new instance gets its own.
  for (const key of [
    "DATABASE_URL",
    "DATABASE_POOL_MAX",
    "REGISTRY_URL",
    "CONSOLE_URL",
    "REGISTRY_EVENTS_SECRET",
    "REGISTRY_TOKEN_KEY_FILE",
    "REGISTRY_TOKEN_CERT_FILE",
    "AUTH_SECRET",
  ]) {
    if (!opts.env?.[key]) delete env[key];
  }
  if (opts.databaseUrl) env.DATABASE_URL = opts.databaseUrl;

  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/console.ts"], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  // Also on disk in the data dir, so a test in another process can show it when it fails.
  const logFile = createWriteStream(path.join(dataDir, "console-output.log"), { flags: "a" });
  const collect = (d: Buffer) => {
    output += d.toString();
    logFile.write(d);
  };
  child.stdout!.on("data", collect);
  child.stderr!.on("data", collect);
  child.once("exit", () => logFile.end());
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

  const deadline = Date.now() + (opts.timeoutMs ?? 90_000);
  while (!/ready in [\d.]+s/.test(output)) {
    if (child.exitCode !== null) throw new Error(`console exited during start-up (code ${child.exitCode}):\n${output}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`console did not become ready:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const registryUrl = opts.env?.REGISTRY_URL ?? `http://127.0.0.1:${registryPort}`;
  const keysDir = path.join(dataDir, "keys");
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
    const code = await exited;
    clearTimeout(timer);
    return code;
  };
  let eventsSecret: string;
  let authSecret: string;
  try {
    eventsSecret =
      opts.env?.REGISTRY_EVENTS_SECRET ??
      (await fs.readFile(path.join(keysDir, "registry-events-secret"), "utf8")).trim();
    authSecret = opts.env?.AUTH_SECRET ?? (await fs.readFile(path.join(keysDir, "auth-secret"), "utf8")).trim();
  } catch (err) {
    await stop(); // never leave a registry or database running behind a failed start
    throw err;
  }
  return {
    url: `http://127.0.0.1:${port}`,
    registryUrl,
    registryHost: `127.0.0.1:${port}`,
    dataDir,
    databaseUrl: opts.databaseUrl ?? null,
    admin: { username: opts.env?.CONSOLE_ADMIN_USERNAME ?? "operator", password: adminPassword },
    eventsSecret,
    authSecret,
    keyFile: path.join(keysDir, "token-signing-key.pem"),
    certFile: path.join(keysDir, "token-signing-cert.pem"),
    child,
    output: () => output,
    stop,
  };
}
