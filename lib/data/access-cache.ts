import "server-only";
import pg from "pg";
import { afterCommit } from "@/db";
import { getEnv } from "@/lib/env";
import { logger } from "@/lib/logger";

/**
 * A process-wide cache for the lookups every registry token and API call makes (a token's owner,
 * a repository's access context, an organization grant), so the hot path makes no database round
 * trip. It is only ever used while this process is LISTENing on `access_changed`: triggers on every
 * table those lookups read (migration 0013) notify on commit, and each notification empties the
 * whole cache. So a revoked token, a removed member or a repository made private stops working on
 * every console process within the notification's delivery time (milliseconds), and the writing
 * process itself forgets at once: each service that writes those tables calls `accessChanged(tx)`,
 * which forgets after the commit.
 *
 * Races are closed with a generation number: a value read from the database is stored only if no
 * change was announced while it was being read. When the listening connection drops (database
 * restart) the cache is off until it is back, and emptied then.
 */
type Entry = { value: unknown; gen: number; at: number };
type State = {
  gen: number;
  // How many times this process's own writes emptied the cache (accessChanged): tests tell it
  // from the notification, which empties it too, but later and from another connection.
  ownWrites: number;
  listening: boolean;
  starting: boolean;
  entries: Map<string, Entry>;
};

// On globalThis: route modules the web server loads directly and Next's bundles are separate
// module copies in one process; they must share one cache and one listener.
const holder = globalThis as unknown as { __accessCache?: State };
const state = (): State =>
  (holder.__accessCache ??= { gen: 0, ownWrites: 0, listening: false, starting: false, entries: new Map() });

// Belt and braces: even with the listener up, nothing is served older than this.
const MAX_AGE_MS = 10_000;
// A connection that died silently (no FIN: a network fault) is noticed by this ping within seconds.
const PING_MS = 3_000;
const MAX_ENTRIES = 50_000;

const ACCESS_CHANNEL = "access_changed";
// How the listening connection shows in pg_stat_activity.
const ACCESS_LISTENER_NAME = "console-access-cache";

/** Empties the cache: on every notification, and after this process commits a write (accessChanged). */
export function forgetAccess(): void {
  const s = state();
  s.gen += 1;
  s.entries.clear();
}

/**
 * For the services that write a table the triggers of migration 0013 watch: the cache is emptied
 * once the write through `db` (a transaction from `transaction()` / withClientTransaction, or the
 * plain client after its statement) is committed, so this process's very next request reads it.
 */
export function accessChanged(db: object): void {
  afterCommit(db, () => {
    state().ownWrites += 1;
    forgetAccess();
  });
}

/** How many committed writes of this process have emptied the cache so far (for tests). */
export function accessChangesSeen(): number {
  return state().ownWrites;
}

/**
 * The cached value of `key`, or `load()`'s (stored for next time when nothing changed meanwhile).
 * `load` results of `undefined` are never stored.
 */
export async function cachedAccess<V>(key: string, load: () => Promise<V>): Promise<V> {
  const s = state();
  if (!s.listening) {
    startListening();
    return load();
  }
  const hit = s.entries.get(key);
  if (hit && hit.gen === s.gen && Date.now() - hit.at < MAX_AGE_MS) return hit.value as V;
  const gen = s.gen;
  const value = await load();
  if (value !== undefined && s.listening && s.gen === gen) {
    if (s.entries.size >= MAX_ENTRIES) s.entries.clear();
    s.entries.set(key, { value, gen, at: Date.now() });
  }
  return value;
}

/** Updates a cached value in place (e.g. a token's last use just written), if it is cached. */
export function updateCachedAccess<V>(key: string, update: (v: V) => V): void {
  const hit = state().entries.get(key);
  if (hit) hit.value = update(hit.value as V);
}

function startListening(): void {
  const s = state();
  if (s.starting || s.listening || getEnv().ACCESS_CACHE === "off") return;
  s.starting = true;
  const client = new pg.Client({
    connectionString: getEnv().DATABASE_URL,
    connectionTimeoutMillis: 5000,
    keepAlive: true,
    application_name: ACCESS_LISTENER_NAME,
  });
  let down = false;
  let ping: NodeJS.Timeout | undefined;
  const lost = (err?: unknown) => {
    if (down) return;
    down = true;
    clearInterval(ping);
    s.listening = false;
    s.starting = false;
    forgetAccess();
    if (err)
      logger.warn("access cache off: lost the database notifications", {
        error: err instanceof Error ? err.message : String(err),
      });
    client.end().catch(() => undefined);
  };
  client.on("notification", (msg) => {
    if (msg.channel === ACCESS_CHANNEL) forgetAccess();
  });
  client.on("error", lost);
  client.on("end", () => lost(new Error("connection ended")));
  client
    .connect()
    .then(() => client.query(`listen ${ACCESS_CHANNEL}`))
    .then(() => {
      if (down) return;
      // Never what keeps a process alive (test runners, scripts calling services).
      (client as unknown as { connection?: { stream?: { unref?: () => void } } }).connection?.stream?.unref?.();
      // Anything cached before now was read without notifications: start empty.
      forgetAccess();
      s.listening = true;
      s.starting = false;
      ping = setInterval(() => {
        // No answer within PING_MS counts as a lost connection.
        const answered = client.query("select 1").then(
          () => true,
          () => false,
        );
        const late = new Promise<boolean>((r) => setTimeout(() => r(false), PING_MS).unref());
        void Promise.race([answered, late]).then((ok) => {
          if (!ok) lost(new Error("no answer to the notification connection's ping"));
        });
      }, PING_MS);
      ping.unref();
    })
    .catch(lost);
}
