import { spawn } from "node:child_process";
import fs from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { walkBlobs } from "./blob-usage";
import { REGISTRY_BINARY, registryEnv, startRegistry, type RegistryProcess } from "./registry-process";
import { GC_LOG_LIMIT, type CollectResult, type MaintenanceOp } from "./registry-maintenance-protocol";
import type { Supervisor } from "./supervise";

type RegistryOptions = Parameters<typeof startRegistry>[0];

/** The read-only registry's config, beside config.yml, which always stays read-write. */
export const READ_ONLY_CONFIG = "config-read-only.yml";

export type RegistryMaintenance = {
  handle: (op: MaintenanceOp) => Promise<{ url?: string; collected?: CollectResult }>;
  /** The web server that drove a run died: back to a read-write registry and no standby. */
  abortIfActive: () => Promise<void>;
  /** The console stops: a collection under way is killed and the read-only registry stopped. */
  shutdown: () => Promise<void>;
};

/**
 * The start command's half of garbage collection without downtime (the web server drives the
 * steps: lib/jobs/registry-gc.ts). Blue/green on loopback: a read-only registry on the same storage
 * is started on a second port before the read-write one stops, the door switches to it, GC runs
 * with no read-write registry left on the storage (so no push can race the sweep), and the
 * read-write one comes back on its own port before the read-only one goes. Pulls never meet a
 * registry that is down.
 *
 * config.yml is never made read-only: a console killed in the middle starts its registry
 * read-write next time, whatever step it died in.
 */
export function createRegistryMaintenance(opts: {
  registry: Supervisor<RegistryProcess>;
  registryOptions: RegistryOptions;
  log: (msg: string) => void;
  /** The read-write registry cannot be started again: the console stops (as its supervisor would). */
  onGiveUp: (why: string) => void;
}): RegistryMaintenance {
  let standby: RegistryProcess | null = null;
  let primaryStopped = false;
  let collector: ReturnType<typeof spawn> | null = null;
  // One step at a time, in the order asked (an abort waits for the step under way).
  let queue: Promise<unknown> = Promise.resolve();
  const configDir = opts.registryOptions.configDir;

  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = queue.then(fn, fn);
    queue = next.catch(() => undefined);
    return next;
  };

  async function startStandby(): Promise<string> {
    if (standby) return standby.url;
    const port = await freeLoopbackPort();
    standby = await startRegistry({
      configDir,
      configName: READ_ONLY_CONFIG,
      logFile: path.join(configDir, "registry-read-only.log"),
      config: { ...opts.registryOptions.config, addr: `127.0.0.1:${port}`, readOnly: true },
    });
    opts.log(`read-only registry on ${standby.url} for garbage collection`);
    return standby.url;
  }

  async function stopStandby(): Promise<void> {
    const s = standby;
    standby = null;
    if (s) await s.stop();
    await fs.rm(path.join(configDir, READ_ONLY_CONFIG), { force: true });
  }

  async function restartPrimary(): Promise<string> {
    let r: RegistryProcess | null = null;
    // As the supervisor restarts a crashed registry: a few tries, then the console stops with the
    // reason rather than serve on without a read-write registry.
    for (let attempt = 1; !r; attempt++) {
      try {
        r = await opts.registry.resume();
      } catch (err) {
        if (attempt >= 3) {
          opts.onGiveUp(`could not be started again after garbage collection (${String(err)})`);
          throw err;
        }
        await new Promise((done) => setTimeout(done, 1000));
      }
    }
    if (primaryStopped) opts.log(`read-write registry back on ${r.url}`);
    primaryStopped = false;
    return r.url;
  }

  async function collect(): Promise<CollectResult> {
    if (!standby) throw new Error("no read-only registry is running: garbage collection would stop every pull");
    primaryStopped = true;
    await opts.registry.pause();
    const storageDir = opts.registryOptions.config.storageDir;
    const before = await walkBlobs(storageDir);
    // Never --delete-untagged: it deletes the platform manifests of multi-platform images.
    const args = ["garbage-collect", path.join(configDir, READ_ONLY_CONFIG)];
    let log = `$ ${REGISTRY_BINARY} ${args.join(" ")}\n`;
    let exitCode: number | null = 0;
    // A registry nothing was ever pushed to has no repositories directory, and garbage-collect
    // fails on it ("Path not found"): there is nothing to collect, which is a success.
    if (await fs.stat(path.join(storageDir, "docker", "registry", "v2", "repositories")).catch(() => null)) {
      const ran = await runCollector(args);
      log += ran.log;
      exitCode = ran.exitCode;
    } else log += "nothing has been pushed to this registry yet: nothing to collect\n";
    const after = await walkBlobs(storageDir);
    const removed = [...before.digests].filter((d) => !after.digests.has(d));
    return {
      bytesBefore: before.bytes,
      bytesAfter: after.bytes,
      blobsBefore: before.digests.size,
      blobsRemoved: removed.length,
      removedDigests: removed,
      log: log.slice(-GC_LOG_LIMIT),
      exitCode,
    };
  }

  /** `docker-registry <args>`, its output kept (the tail, when it is long). */
  function runCollector(args: string[]): Promise<{ exitCode: number | null; log: string }> {
    let log = "";
    return new Promise<{ exitCode: number | null; log: string }>((resolve, reject) => {
      const child = spawn(REGISTRY_BINARY, args, { env: registryEnv(), stdio: ["ignore", "pipe", "pipe"] });
      collector = child;
      const take = (d: Buffer) => {
        log += d.toString();
        if (log.length > GC_LOG_LIMIT * 2) log = log.slice(-GC_LOG_LIMIT);
      };
      child.stdout.on("data", take);
      child.stderr.on("data", take);
      child.once("error", reject);
      child.once("close", (code) => resolve({ exitCode: code, log }));
    }).finally(() => (collector = null));
  }

  async function abort(): Promise<string> {
    collector?.kill("SIGKILL");
    const url = await restartPrimary();
    await stopStandby();
    return url;
  }

  return {
    handle: (op) =>
      serial(async () => {
        switch (op) {
          case "start-standby":
            return { url: await startStandby() };
          case "collect":
            return { collected: await collect() };
          case "restart-primary":
            return { url: await restartPrimary() };
          case "stop-standby":
            await stopStandby();
            return {};
          case "abort":
            return { url: await abort() };
        }
      }),
    abortIfActive: () => {
      // Not after the step under way: a sweep nobody will record is not worth waiting for.
      collector?.kill("SIGKILL");
      return serial(async () => {
        if (!standby && !primaryStopped && !collector) return;
        opts.log("the web server stopped during garbage collection: the registry goes back to read-write");
        await abort();
      });
    },
    shutdown: async () => {
      collector?.kill("SIGKILL");
      await stopStandby();
    },
  };
}

/** A loopback port free a moment ago (the OS picks it). */
function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      srv.close(() => resolve(typeof addr === "object" && addr ? addr.port : 0));
    });
  });
}
