/**
 * After-commit hooks: work that must happen only once a write is durable (forget this process's
 * access cache, wake the job worker for jobs just enqueued), registered by the service that made
 * the write. Kept free of imports so it can be unit-tested without a database.
 *
 * Not on globalThis: a transaction is opened and its hooks registered by the same module copy
 * (the web server's directly loaded route modules and Next's bundles each import their own), so
 * a per-copy map is enough; the hooks themselves reach shared state where they need it.
 */
export type Hook = () => void;

// The open transactions (drizzle transaction objects, or the connection-bound instance and raw
// client of withClientTransaction) and the hooks registered on each so far.
const pending = new WeakMap<object, Hook[]>();

function run(hooks: Hook[]): void {
  for (const hook of hooks) {
    try {
      hook();
    } catch (err) {
      // The write is committed: a failing hook must not turn it into an error for the caller.
      console.error(
        JSON.stringify({
          level: "error",
          msg: "after-commit hook failed",
          err: err instanceof Error ? err.message : String(err),
        }),
      );
    }
  }
}

/**
 * Runs `hook` once the write just made through `db` is committed: at the end of the transaction
 * when `db` is one (never if it rolls back), at once when `db` is the plain client (the statement
 * has already succeeded). A drizzle transaction not opened through `transaction()` (db/index.ts)
 * is refused: its commit could not be observed.
 */
export function afterCommit(db: object, hook: Hook): void {
  const hooks = pending.get(db);
  if (hooks) hooks.push(hook);
  else if (typeof (db as { rollback?: unknown }).rollback === "function")
    throw new Error(
      "afterCommit: this transaction was not opened with transaction() from @/db, so its commit cannot be observed",
    );
  else run([hook]);
}

/**
 * Runs `fn` inside the transaction `open` starts (drizzle's `db.transaction`, or a test's fake),
 * with `afterCommit` working for every handle in `handles(tx)`; the hooks run after `open`
 * resolves, i.e. after COMMIT succeeded. If `fn` or the commit fails, they are dropped.
 */
export async function withAfterCommit<Tx extends object, T>(
  open: (body: (tx: Tx) => Promise<T>) => Promise<T>,
  fn: (tx: Tx) => Promise<T>,
  handles: (tx: Tx) => object[] = (tx) => [tx],
): Promise<T> {
  const hooks: Hook[] = [];
  const result = await open(async (tx) => {
    const keys = handles(tx);
    for (const k of keys) pending.set(k, hooks);
    try {
      return await fn(tx);
    } finally {
      for (const k of keys) pending.delete(k);
    }
  });
  run(hooks);
  return result;
}
