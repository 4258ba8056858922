/**
 * What every benchmark starts from: a fresh PostgreSQL database on 127.0.0.1:5432 and a console
 * (with its own registry) started exactly as the README's start command does, on free ports. The
 * bench process gets the console's environment, so it can call the app's own services to set up
 * data (users, tokens) the way the tests do.
 */
import { startConsoleInstance, type ConsoleInstance, type StartOptions } from "../../tests/harness/console-instance";
import { createTestDatabase, type TestDatabase } from "../../tests/harness/test-database";

export type BenchConsole = { instance: ConsoleInstance; db: TestDatabase; stop: () => Promise<void> };

// The test harness speeds the background loops up for tests' patience; a benchmark measures the
// console as shipped (lib/env.ts defaults), or a 1-second index sweep competes with every request.
export const PRODUCTION_DEFAULTS = {
  TRUST_PROXY: "0",
  INDEX_WATCH_SECONDS: "15",
  DELETION_RETRY_SECONDS: "30",
  JOB_POLL_MS: "1000",
  WEBHOOK_RETRY_BASE_SECONDS: "10",
};

export async function startBenchConsole(opts: StartOptions = {}): Promise<BenchConsole> {
  const db = await createTestDatabase("rcp_bench");
  let instance: ConsoleInstance;
  try {
    instance = await startConsoleInstance({
      databaseUrl: db.url,
      ...opts,
      // BENCH_CONSOLE_NODE_OPTIONS: node flags for the console's processes only (a CPU profile:
      // `--cpu-prof --cpu-prof-dir=/tmp/prof`, written when they stop).
      env: {
        ...PRODUCTION_DEFAULTS,
        ...(process.env.BENCH_CONSOLE_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_CONSOLE_NODE_OPTIONS } : {}),
        ...opts.env,
      },
    });
  } catch (err) {
    await db.drop();
    throw err;
  }
  Object.assign(process.env, {
    DATABASE_URL: db.url,
    DATABASE_POOL_MAX: "4",
    CONSOLE_URL: instance.url,
    REGISTRY_URL: instance.registryUrl,
    REGISTRY_TOKEN_KEY_FILE: instance.keyFile,
    REGISTRY_TOKEN_CERT_FILE: instance.certFile,
    REGISTRY_EVENTS_SECRET: instance.eventsSecret,
    AUTH_SECRET: instance.authSecret,
  });
  return {
    instance,
    db,
    stop: async () => {
      // A failed bench is easier to read with what the console logged.
      if (process.exitCode || process.env.BENCH_LOG) console.error(instance.output().split("\n").slice(-40).join("\n"));
      await instance.stop();
      try {
        const { getPool } = await import("@/db");
        await getPool().end();
      } catch {
        // never opened
      }
      await db.drop();
    },
  };
}

/** A user with a personal access token, made by the app's own services (as the API tests do). */
export async function benchUser(username: string, scope: "read" | "read_write" | "read_write_delete" = "read_write") {
  const { createUser } = await import("@/lib/services/user/create");
  const { createPersonalAccessToken } = await import("@/lib/services/personal-access-token/create");
  const password = `pw-${username}-bench`;
  const { id } = await createUser({ username, email: `${username}@bench.test`, password });
  const { secret } = await createPersonalAccessToken(id, { description: "bench", scope, expiry: "30" });
  return { id, username, password, token: secret };
}
