import "server-only";
import { drizzle } from "drizzle-orm/node-postgres";
import { Pool } from "pg";
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
