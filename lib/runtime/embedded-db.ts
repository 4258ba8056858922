import fs from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

export type EmbeddedDb = { url: string; stop: () => Promise<void> };

/**
 * PostgreSQL for a newcomer with nothing installed: PGlite (Postgres compiled to WASM) keeping its
 * files under `dataDir`, served on loopback over the Postgres wire protocol so the app talks to it
 * with the same `pg` driver it uses for a real server.
 *
 * PGlite executes one statement stream at a time; the socket server multiplexes connections at the
 * message level, which would interleave one connection's transaction with another's queries. So
 * the app's pool is capped at one connection when it runs on this database (see scripts/console.ts).
 */
export async function startEmbeddedDb(opts: { dataDir: string; port: number; host?: string }): Promise<EmbeddedDb> {
  await fs.mkdir(opts.dataDir, { recursive: true });
  const db = await PGlite.create({ dataDir: opts.dataDir, extensions: { pg_trgm } });
  const host = opts.host ?? "127.0.0.1";
  const server = new PGLiteSocketServer({ db, port: opts.port, host, maxConnections: 8 });
  await server.start();
  return {
    url: `postgres://postgres:postgres@${host}:${opts.port}/postgres?sslmode=disable`,
    stop: async () => {
      await server.stop();
      // close() flushes PGlite's in-memory pages to dataDir; skipping it loses recent writes.
      await db.close();
    },
  };
}
