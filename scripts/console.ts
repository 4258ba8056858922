/**
 * Starts the whole console: embedded PostgreSQL (unless DATABASE_URL is set), migrations, the
 * token-signing key, the registry (unless REGISTRY_URL points at an existing one), the seeded site
 * operator and the Next.js server. Ctrl-C (SIGINT/SIGTERM) stops everything it started. The registry
 * and the web server are restarted when they crash (lib/runtime/supervise.ts).
 *
 * Run through scripts/start.sh, which installs what is missing and builds the app first.
 */
import { spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { runMigrations } from "@/db/migrate";
import { startEmbeddedDb, type EmbeddedDb } from "@/lib/runtime/embedded-db";
import { startRegistry } from "@/lib/runtime/registry-process";
import {
  createRegistryMaintenance,
  READ_ONLY_CONFIG,
  type RegistryMaintenance,
} from "@/lib/runtime/registry-maintenance";
import { isMaintenanceRequest, type MaintenanceReply } from "@/lib/runtime/registry-maintenance-protocol";
import { ensureSecretFile, ensureSigningKeys } from "@/lib/runtime/signing-keys";
import { supervise, type Supervisor } from "@/lib/runtime/supervise";
import { startWebServer, waitForWebServer, type WebServerProcess } from "@/lib/runtime/web-server-process";

const root = process.cwd();
const e = process.env;
const host = e.HOST ?? "127.0.0.1";
const port = Number(e.PORT ?? 3000);
const dataDir = path.resolve(root, e.DATA_DIR ?? ".data");
const externalRegistry = e.REGISTRY_URL;
const registryPort = Number(e.REGISTRY_PORT ?? 5001);
const dbPort = Number(e.EMBEDDED_DB_PORT ?? 54329);
const consoleUrl = e.CONSOLE_URL ?? `http://${host}:${port}`;
// Captured now: the app's env (set below) fills DATABASE_URL in with the embedded one.
const embeddedDatabase = !e.DATABASE_URL;

const stops: Array<() => Promise<void>> = [];
let stopping = false;

function log(msg: string) {
  console.log(`[console] ${msg}`);
}

async function assertPortFree(p: number, what: string, envName: string, on = host) {
  await new Promise<void>((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", () => reject(new Error(`port ${p} (${what}) is already in use: set ${envName} to another port`)));
    srv.listen(p, on, () => srv.close(() => resolve()));
  });
}

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  log("stopping…");
  for (const stop of stops.reverse()) {
    try {
      await stop();
    } catch (err) {
      console.error(err);
    }
  }
  log("stopped");
  process.exit(code);
}

function stopChild(child: ChildProcess): () => Promise<void> {
  return async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((r) => child.once("exit", () => r()));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 8000);
    await exited;
    clearTimeout(timer);
  };
}

async function main() {
  const started = performance.now();
  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(sig, () => void shutdown(0));
  await fs.mkdir(dataDir, { recursive: true, mode: 0o700 });
  await assertPortFree(port, "console", "PORT");

  // Database: the operator's PostgreSQL, or the embedded one with its files under .data/.
  let databaseUrl = e.DATABASE_URL;
  let poolMax = e.DATABASE_POOL_MAX;
  if (embeddedDatabase || !databaseUrl) {
    await assertPortFree(dbPort, "embedded database", "EMBEDDED_DB_PORT");
    const embedded: EmbeddedDb = await startEmbeddedDb({ dataDir: path.join(dataDir, "pglite"), port: dbPort, host });
    stops.push(embedded.stop);
    databaseUrl = embedded.url;
    poolMax = "1";
    log(`embedded PostgreSQL (PGlite) on ${host}:${dbPort}, data in ${path.join(dataDir, "pglite")}`);
  }
  await runMigrations(databaseUrl);

  const keys = await ensureSigningKeys(path.join(dataDir, "keys"));
  const eventsSecret =
    e.REGISTRY_EVENTS_SECRET ?? (await ensureSecretFile(path.join(dataDir, "keys", "registry-events-secret")));
  const authSecret = e.AUTH_SECRET ?? (await ensureSecretFile(path.join(dataDir, "keys", "auth-secret")));
  const service = e.REGISTRY_SERVICE ?? "registry-console";
  const issuer = e.REGISTRY_ISSUER ?? "registry-console";

  let registryUrl = externalRegistry;
  // Our own registry's storage: the front door serves blob downloads from it (an external one: none).
  let registryStorageDir = "";
  // Garbage collection's registry steps, asked for by the web server over IPC (own registry only).
  let maintenance: RegistryMaintenance | null = null;
  if (!registryUrl) {
    await assertPortFree(registryPort, "registry", "REGISTRY_PORT", "127.0.0.1");
    const registryOptions: Parameters<typeof startRegistry>[0] = {
      configDir: path.join(dataDir, "registry"),
      logFile: path.join(dataDir, "registry", "registry.log"),
      config: {
        storageDir: path.join(dataDir, "registry", "storage"),
        // Loopback only, whatever HOST is: clients reach it through the console's front door.
        addr: `127.0.0.1:${registryPort}`,
        tokenRealm: `${consoleUrl}/api/registry/token`,
        service,
        issuer,
        rootCertBundle: keys.certFile,
        eventsUrl: `${consoleUrl}/api/registry/events`,
        eventsSecret,
        // Always read-write at start, whatever a garbage collection killed midway left behind: the
        // read-only registry has a config file of its own, removed here if one is left over.
        readOnly: false,
      },
    };
    await fs.rm(path.join(registryOptions.configDir, READ_ONLY_CONFIG), { force: true });
    // A crashed registry is restarted (the console keeps serving, degraded, meanwhile).
    const registry = supervise(await startRegistry(registryOptions), {
      start: () => startRegistry(registryOptions),
      stop: (r) => r.stop(),
      stopping: () => stopping,
      onExit: (how, restarting, r) => {
        void r.stop(); // closes its log file
        console.error(
          `[console] the registry exited unexpectedly (${how})${restarting ? "; restarting" : ""}; see ${registryOptions.logFile}`,
        );
      },
      onRestarted: () => log("registry restarted"),
      onGiveUp: (why) => {
        console.error(`[console] the registry ${why}: stopping`);
        void shutdown(1);
      },
    });
    stops.push(registry.stop);
    maintenance = createRegistryMaintenance({
      registry,
      registryOptions,
      log,
      onGiveUp: (why) => {
        console.error(`[console] the registry ${why}: stopping`);
        void shutdown(1);
      },
    });
    stops.push(maintenance.shutdown);
    registryUrl = registry.current().url;
    registryStorageDir = registryOptions.config.storageDir;
    log(`registry on ${registryUrl} (config ${path.join(dataDir, "registry", "config.yml")})`);
  }

  const appEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_MAX: poolMax ?? "10",
    ACCESS_CACHE: embeddedDatabase ? "off" : (e.ACCESS_CACHE ?? "on"),
    CONSOLE_URL: consoleUrl,
    REGISTRY_URL: registryUrl,
    FRONT_DOOR_STORAGE_DIR: registryStorageDir,
    REGISTRY_SERVICE: service,
    REGISTRY_ISSUER: issuer,
    REGISTRY_TOKEN_KEY_FILE: keys.keyFile,
    REGISTRY_TOKEN_CERT_FILE: keys.certFile,
    REGISTRY_EVENTS_SECRET: eventsSecret,
    AUTH_SECRET: authSecret,
    AUTH_URL: consoleUrl,
    AUTH_TRUST_HOST: "true",
  };
  Object.assign(process.env, appEnv);

  // Seeding uses the app's own service (and so its env); imported only now that env is final.
  const adminUsername = e.CONSOLE_ADMIN_USERNAME ?? "operator";
  const passwordFile = path.join(dataDir, "keys", "admin-password");
  const adminPassword = e.CONSOLE_ADMIN_PASSWORD ?? (await ensureSecretFile(passwordFile, 18));
  const { ensureAdmin } = await import("@/lib/services/user/ensure-admin");
  const { created } = await ensureAdmin({
    username: adminUsername,
    email: e.CONSOLE_ADMIN_EMAIL ?? `${adminUsername}@localhost`,
    password: adminPassword,
  });
  // Automated builds need tools and a user of their own; installed only once the operator has
  // enabled builds (Admin → Site settings), so consoles without builds install nothing more.
  const { getSiteSetting } = await import("@/lib/data/site-settings");
  if (await getSiteSetting("builds.enabled").catch(() => false)) ensureBuildTools();
  const { getPool } = await import("@/db");
  await getPool().end();

  // Next.js behind the console's own server (scripts/web-server.ts), which also dispatches the
  // registry's token and event endpoints directly. Asked on its own listener, not CONSOLE_URL:
  // behind a TLS proxy the public address may not answer yet (or resolve here at all) when the
  // console itself is ready.
  const webEnv = { ...appEnv, PORT: String(port), HOST: host };
  const webUrl = `http://${["0.0.0.0", "::"].includes(host) ? "127.0.0.1" : host}:${port}`;
  // A web server's garbage-collection steps go to the registry's owner (this process) and back.
  const startWeb = () => {
    const w = startWebServer(root, webEnv);
    w.child.on("message", (m: unknown) => {
      if (!isMaintenanceRequest(m)) return;
      const reply = (r: MaintenanceReply) => void (w.child.connected && w.child.send(r));
      if (!maintenance)
        return reply({ type: "registry-maintenance-reply", id: m.id, ok: false, error: "external registry" });
      maintenance.handle(m.op).then(
        (result) => reply({ type: "registry-maintenance-reply", id: m.id, ok: true, ...result }),
        (err: unknown) =>
          reply({
            type: "registry-maintenance-reply",
            id: m.id,
            ok: false,
            error: err instanceof Error ? err.message : String(err),
          }),
      );
    });
    // A web server that dies mid-run cannot finish it: the registry goes back to read-write now.
    w.child.once("exit", () => {
      if (!stopping) void maintenance?.abortIfActive().catch((err: unknown) => console.error(err));
    });
    return w;
  };
  const firstWeb = startWeb();
  let web: Supervisor<WebServerProcess> | null = null;
  stops.push(() => (web ? web.stop() : stopChild(firstWeb.child)()));
  // One that dies before it ever answered is a failed start (a missing build, a bad setting), not
  // a crash to restart: waitForWebServer throws and the console stops with the reason.
  const health = await waitForWebServer(webUrl, firstWeb);
  // From here on a crashed web server is restarted as the registry is; the registry keeps running.
  web = supervise(firstWeb, {
    start: async () => startWeb(),
    stop: (w) => stopChild(w.child)(),
    stopping: () => stopping,
    onExit: (how, restarting) =>
      console.error(`[console] the web server exited unexpectedly (${how})${restarting ? "; restarting" : ""}`),
    onRestarted: (w) =>
      void waitForWebServer(webUrl, w).then(
        () => log("web server restarted"),
        (err: unknown) => {
          // Exited again: the supervisor has seen it. Hung: restarting would hang again.
          if (stopping || w.child.exitCode !== null || w.child.signalCode !== null) return;
          console.error(`[console] ${err instanceof Error ? err.message : String(err)}: stopping`);
          void shutdown(1);
        },
      ),
    onGiveUp: (why) => {
      console.error(`[console] the web server ${why}: stopping`);
      void shutdown(1);
    },
  });

  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const publicHost = e.REGISTRY_PUBLIC_HOST ?? new URL(consoleUrl).host;
  log(`ready in ${seconds}s — health: ${health.status}`);
  console.log(`
  Console:   ${consoleUrl}
  Registry:  ${publicHost}   (docker login ${publicHost}; the console serves the registry API)
  Operator:  ${adminUsername}${created ? " (created now)" : ""}
  Password:  ${e.CONSOLE_ADMIN_PASSWORD ? "from CONSOLE_ADMIN_PASSWORD" : `in ${passwordFile}`}

  Press Ctrl-C to stop the console${externalRegistry ? "" : ", the registry"}${embeddedDatabase ? " and the embedded database" : ""}.
`);
}

main().catch(async (err: unknown) => {
  console.error(`[console] failed to start: ${err instanceof Error ? err.message : String(err)}`);
  await shutdown(1);
});

/** scripts/lib/setup.sh's ensure_build_tools (apt-get as root); a failure is logged, and builds then fail with the reason. */
function ensureBuildTools(): void {
  const r = spawnSync("bash", ["-c", ". scripts/lib/setup.sh; ensure_build_tools"], { cwd: root, stdio: "inherit" });
  if (r.status !== 0)
    log("could not install the build tools (buildah, runc, uidmap, slirp4netns, git); builds will fail until they are");
}
