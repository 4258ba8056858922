import { describe, expect, it } from "vitest";
import { afterCommit, withAfterCommit } from "@/db/after-commit";

/**
 * A stand-in for drizzle's `db.transaction`: runs the body on a fake transaction object (it has
 * `rollback`, as drizzle's does), then "commits" unless the body threw or `failCommit` is set.
 */
function fakeOpen(log: string[], failCommit = false) {
  return async <T>(body: (tx: { rollback: () => void }) => Promise<T>): Promise<T> => {
    const tx = { rollback: () => undefined };
    log.push("begin");
    try {
      const r = await body(tx);
      if (failCommit) throw new Error("commit failed");
      log.push("commit");
      return r;
    } catch (err) {
      log.push("rollback");
      throw err;
    }
  };
}

describe("after-commit hooks", () => {
  it("run once the transaction committed, in the order registered, after the body's result is in", async () => {
    const log: string[] = [];
    const result = await withAfterCommit(fakeOpen(log), async (tx) => {
      afterCommit(tx, () => log.push("hook 1"));
      log.push("write");
      afterCommit(tx, () => log.push("hook 2"));
      return 42;
    });
    expect(result).toBe(42);
    expect(log).toEqual(["begin", "write", "commit", "hook 1", "hook 2"]);
  });

  it("never run when the body throws or the commit fails", async () => {
    const log: string[] = [];
    await expect(
      withAfterCommit(fakeOpen(log), async (tx) => {
        afterCommit(tx, () => log.push("hook"));
        throw new Error("refused");
      }),
    ).rejects.toThrow("refused");
    await expect(
      withAfterCommit(fakeOpen(log, true), async (tx) => afterCommit(tx, () => log.push("hook"))),
    ).rejects.toThrow("commit failed");
    expect(log).toEqual(["begin", "rollback", "begin", "rollback"]);
  });

  it("outside a transaction a hook runs at once; a transaction opened elsewhere is refused", () => {
    const log: string[] = [];
    afterCommit({ query: () => undefined }, () => log.push("plain client"));
    expect(log).toEqual(["plain client"]);
    expect(() => afterCommit({ rollback: () => undefined }, () => log.push("lost"))).toThrow(
      /not opened with transaction\(\)/,
    );
    expect(log).toEqual(["plain client"]);
  });

  it("every handle of the transaction registers; after it ends they behave like plain clients again", async () => {
    const log: string[] = [];
    const client = { query: () => undefined };
    const bound = { select: () => undefined };
    await withAfterCommit(
      fakeOpen(log),
      async () => {
        afterCommit(client, () => log.push("via client"));
        afterCommit(bound, () => log.push("via bound db"));
        log.push("write");
      },
      () => [client, bound],
    );
    afterCommit(client, () => log.push("later"));
    expect(log).toEqual(["begin", "write", "commit", "via client", "via bound db", "later"]);
  });

  it("a failing hook does not fail the committed transaction nor stop the others", async () => {
    const log: string[] = [];
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (e: unknown) => void errors.push(e);
    try {
      await withAfterCommit(fakeOpen(log), async (tx) => {
        afterCommit(tx, () => {
          throw new Error("hook broke");
        });
        afterCommit(tx, () => log.push("second"));
      });
    } finally {
      console.error = original;
    }
    expect(log).toEqual(["begin", "commit", "second"]);
    expect(String(errors[0])).toContain("hook broke");
  });
});
