import "server-only";
import { drizzle } from "drizzle-orm/node-postgres";
import { Pool, type PoolClient } from "pg";
import { withAfterCommit } from "./after-commit";
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
  const pool = new Pool({
    connectionString: env.DATABASE_URL,
    max: env.DATABASE_POOL_MAX,
    // The wait for a free connection, not only for a new one. With the embedded database there is
    // one connection for every request (a push's dozen door requests each read the repository's
    // state), so on a loaded machine a queue of them is normal and must not fail a push; with a
    // real pool, 5 s without a connection means the database is in trouble.
    connectionTimeoutMillis: env.DATABASE_POOL_MAX === 1 ? 30_000 : 5000,
  });
  // A dropped connection (database restart) must not crash the process; the pool reconnects.
  pool.on("error", (err) => console.error(JSON.stringify({ level: "error", msg: "pg pool error", err: err.message })));
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
 * Runs `fn` in one drizzle transaction; services that receive `tx` may register work for after
 * the commit with `afterCommit(tx, hook)` (db/after-commit.ts), which a plain
 * `getDb().transaction` would refuse.
 */
export function transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T> {
  return withAfterCommit<Transaction, T>((body) => getDb().transaction(body), fn);
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
 * database work, since the rolled-back attempt must leave no trace). After-commit hooks registered
 * on either handle run once the attempt that committed is done.
 */
export async function withClientTransaction<T>(
  fn: (client: PoolClient, db: Database) => Promise<T>,
  opts: { retries?: number } = {},
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const client = await getPool().connect();
    try {
      const db = boundDb(client);
      return await withAfterCommit<PoolClient, T>(
        async (body) => {
          await client.query("begin");
          const result = await body(client);
          await client.query("commit");
          return result;
        },
        () => fn(client, db),
        // Hooks may be registered through either handle.
        () => [client, db],
      );
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

export { afterCommit } from "./after-commit";
