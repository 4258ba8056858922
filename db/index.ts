import "server-only";
import { drizzle } from "drizzle-orm/node-postgres";
import { Pool, type PoolClient } from "pg";
import { getEnv } from "@/lib/env";
import * as schema from "./schema";

/**
 * The one database client. Created on first use (not at import) so `next build` never connects.
 * Kept on globalThis so dev-mode hot reloads do not open a new pool each time.
 */
type Db = ReturnType<typeof createDb>;
const globalForDb = globalThis as unknown as { __db?: Db };

function createDb() {
  const env = getEnv();
  const pool = new Pool({ connectionString: env.DATABASE_URL, max: env.DATABASE_POOL_MAX, connectionTimeoutMillis: 5000 });
  // A dropped connection (database restart) must not crash the process; the pool reconnects.
  pool.on("error", (err) => console.error(JSON.stringify({ level: "error", msg: "pg pool error", err: err.message })));
  pool.on("connect", watchAccessWrites);
  return { pool, db: drizzle(pool, { schema, casing: "snake_case" }) };
}

function instance(): Db {
  globalForDb.__db ??= createDb();
  return globalForDb.__db;
}

export function getDb() {
  return instance().db;
}

export function getPool() {
  return instance().pool;
}

export type Database = ReturnType<typeof getDb>;
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];

/**
 * Called after this process commits a write to a table that token and permission lookups read
 * (lib/data/access-cache.ts registers its reset here). Other processes learn of the change from
 * the database's notification (migration 0013); this process must not wait for it, or a request
 * right after a change (the repository just created, the token just revoked) could read the cache
 * from before it.
 */
const globalHooks = globalThis as unknown as { __afterAccessWrite?: Set<() => void> };
// On globalThis: Next's bundles and the directly served route modules are separate module copies.
export const afterAccessWrite = (globalHooks.__afterAccessWrite ??= new Set<() => void>());
const ACCESS_WRITE = /^\s*(?:insert\s+into|update|delete\s+from)\s+"?(?:users|namespaces|repositories|personal_access_tokens|organizations|organization_members|teams|team_members|team_repository_permissions)"?[\s(]/i;

/**
 * Watches one pooled connection's statements (pg's Pool.query runs them through it too, with a
 * callback; drizzle's transactions with promises): an access write outside a transaction is
 * announced once it succeeds, one inside a transaction once its COMMIT succeeds.
 */
export function watchAccessWrites(client: PoolClient): void {
  const original = client.query.bind(client) as (...args: unknown[]) => unknown;
  let inTransaction = false;
  let wrote = false;
  const announce = () => {
    for (const fn of afterAccessWrite) fn();
  };
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    const first = args[0] as string | { text?: unknown } | undefined;
    const text = typeof first === "string" ? first : typeof first?.text === "string" ? first.text : null;
    let announceOnSuccess = false;
    if (text !== null) {
      const verb = /^\s*(\w+)/.exec(text)?.[1]?.toLowerCase();
      if (verb === "begin") inTransaction = true;
      else if (verb === "commit" || verb === "rollback") {
        announceOnSuccess = verb === "commit" && wrote;
        inTransaction = false;
        wrote = false;
      } else if (ACCESS_WRITE.test(text)) {
        if (inTransaction) wrote = true;
        else announceOnSuccess = true;
      }
    }
    if (!announceOnSuccess) return original(...args);
    const last = args.at(-1);
    if (typeof last === "function") {
      const cb = last as (err: unknown, res: unknown) => void;
      return original(...args.slice(0, -1), (err: unknown, res: unknown) => {
        if (!err) announce();
        cb(err, res);
      });
    }
    const result = original(...args);
    return result instanceof Promise ? result.then((r: unknown) => (announce(), r)) : result;
  };
}

// A drizzle instance per pooled connection, made once: building one walks the whole schema (about
// 0.1 ms, measured in a CPU profile of the event endpoint), and pooled connections are reused.
const bound = new WeakMap<PoolClient, Database>();
function boundDb(client: PoolClient): Database {
  let db = bound.get(client);
  if (!db) {
    db = drizzle(client, { schema, casing: "snake_case" }) as unknown as Database;
    bound.set(client, db);
  }
  return db;
}

// PostgreSQL's "try again" answers: deadlock_detected and serialization_failure.
const RETRYABLE = new Set(["40P01", "40001"]);

/**
 * Runs `fn` in one transaction on one pooled connection, giving both the raw client (set-based
 * SQL with array parameters) and a drizzle instance bound to that same connection, so statements
 * from either commit or roll back together. With `retries`, a transaction PostgreSQL aborted as a
 * deadlock or serialization failure runs again from the start (only for `fn`s that do nothing but
 * database work, since the rolled-back attempt must leave no trace).
 */
export async function withClientTransaction<T>(fn: (client: PoolClient, db: Database) => Promise<T>, opts: { retries?: number } = {}): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const client = await getPool().connect();
    try {
      await client.query("begin");
      const result = await fn(client, boundDb(client));
      await client.query("commit");
      return result;
    } catch (err) {
      await client.query("rollback").catch(() => undefined);
      const code = (err as { code?: string }).code;
      if (!code || !RETRYABLE.has(code) || attempt >= (opts.retries ?? 0)) throw err;
    } finally {
      client.release();
    }
    // A little jitter so the transactions that collided do not collide again in step.
    await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * (attempt + 1)));
  }
}
