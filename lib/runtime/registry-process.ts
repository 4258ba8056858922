import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";
import { stringify } from "yaml";

export const REGISTRY_BINARY = process.env.REGISTRY_BINARY ?? "/usr/bin/docker-registry";

export type RegistryConfigInput = {
  storageDir: string;
  addr: string; // host:port the registry listens on
  tokenRealm: string; // the console's token endpoint, as clients reach it
  service: string;
  issuer: string;
  rootCertBundle: string; // path of the PEM certificate of the console's signing key
  // The console's notification endpoint; without it the registry sends no events (tests use such a
  // registry to change storage "behind the console's back").
  eventsUrl?: string;
  eventsSecret?: string;
  readOnly?: boolean;
  // Also notify of pulls, as the console did before its front door counted them: only
  // bench/pull-counting.ts sets it, to measure that old path against the door.
  notifyPulls?: boolean;
};

/**
 * Headers the registry adds to every answer (its config's `http.headers`, and the API version it
 * always sends); the front door sends the same when it answers a blob download itself.
 */
export const REGISTRY_ANSWER_HEADERS = {
  "docker-distribution-api-version": "registry/2.0",
  "x-content-type-options": "nosniff",
} as const;

/**
 * The registry's config.yml. Deletes are enabled (the console deletes tags and repositories for
 * real); blob and pull events are dropped at the source because only manifest pushes and deletes
 * matter to the index (the front door counts pulls); the endpoint retries quickly since events are
 * only kept in the registry's memory.
 */
export function renderRegistryConfig(c: RegistryConfigInput): string {
  const config = {
    version: 0.1,
    log: { level: "warn", formatter: "text", fields: { service: "registry" } },
    storage: {
      filesystem: { rootdirectory: c.storageDir },
      delete: { enabled: true },
      cache: { blobdescriptor: "inmemory" },
      maintenance: {
        uploadpurging: { enabled: true, age: "168h", interval: "24h", dryrun: false },
        readonly: { enabled: c.readOnly ?? false },
      },
    },
    http: { addr: c.addr, headers: { "X-Content-Type-Options": [REGISTRY_ANSWER_HEADERS["x-content-type-options"]] } },
    auth: { token: { realm: c.tokenRealm, service: c.service, issuer: c.issuer, rootcertbundle: c.rootCertBundle } },
    ...(c.eventsUrl
      ? { notifications: notificationsConfig(c.eventsUrl, c.eventsSecret ?? "", c.notifyPulls ?? false) }
      : {}),
  };
  return stringify(config);
}

function notificationsConfig(url: string, secret: string, notifyPulls: boolean) {
  return {
    events: { includereferences: true },
    endpoints: [
      {
        name: "console",
        url,
        headers: { Authorization: [`Bearer ${secret}`] },
        timeout: "2s",
        threshold: 5,
        backoff: "1s",
        // Pulls are counted by the front door from what it serves (lib/front-door/pull-counter.ts).
        ignore: { mediatypes: ["application/octet-stream"], ...(notifyPulls ? {} : { actions: ["pull"] }) },
      },
    ],
  };
}

export type RegistryProcess = { child: ChildProcess; url: string; stop: () => Promise<void> };

/** Waits until `GET /v2/` answers at all (401 is the healthy answer of a token-protected registry). */
export async function waitForRegistry(url: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(new URL("/v2/", url), { signal: AbortSignal.timeout(1000) });
      if (res.status === 200 || res.status === 401) return;
      lastError = new Error(`status ${res.status}`);
    } catch (err) {
      lastError = err;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`registry at ${url} did not come up: ${String(lastError)}`);
}

/** Writes the config next to the storage and runs `docker-registry serve`, logging to `logFile`. */
export async function startRegistry(opts: {
  configDir: string;
  config: RegistryConfigInput;
  logFile: string;
  /** The config's file name in configDir; config.yml unless a second registry runs beside it. */
  configName?: string;
}): Promise<RegistryProcess> {
  await fs.mkdir(opts.configDir, { recursive: true });
  await fs.mkdir(opts.config.storageDir, { recursive: true });
  const configFile = path.join(opts.configDir, opts.configName ?? "config.yml");
  await fs.writeFile(configFile, renderRegistryConfig(opts.config), { mode: 0o600 });
  const log = await fs.open(opts.logFile, "a");
  const child = spawn(REGISTRY_BINARY, ["serve", configFile], {
    stdio: ["ignore", log.fd, log.fd],
    env: registryEnv(),
  });
  const url = `http://${opts.config.addr}`;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const failedToStart = new Promise<never>((_, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`docker-registry exited with code ${code}; see ${opts.logFile}`)));
  });
  try {
    await Promise.race([waitForRegistry(url), failedToStart]);
  } catch (err) {
    child.kill("SIGKILL");
    await log.close();
    throw err;
  }
  failedToStart.catch(() => undefined);
  return {
    child,
    url,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
        await exited;
        clearTimeout(timer);
      }
      await log.close();
    },
  };
}

/**
 * The registry's environment: the console's, less every `REGISTRY_*` variable. distribution reads
 * those as overrides of its config.yml (`REGISTRY_STORAGE_…`, `REGISTRY_HTTP_…`), and the console's
 * own settings share the prefix (REGISTRY_URL, REGISTRY_EVENTS_SECRET, …): a registry restarted by a
 * console that had set them would have been configured by them.
 */
export function registryEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([k]) => !k.startsWith("REGISTRY_"))) as NodeJS.ProcessEnv;
}
