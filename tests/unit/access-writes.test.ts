import type { PoolClient } from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { afterAccessWrite, watchAccessWrites } from "@/db";

/** A stand-in for a pooled connection: answers every statement at once, by promise or callback. */
function fakeClient(fail = false) {
  const client = {
    query(...args: unknown[]) {
      const last = args.at(-1);
      if (typeof last === "function") {
        queueMicrotask(() => (last as (e: unknown, r: unknown) => void)(fail ? new Error("boom") : null, { rows: [] }));
        return undefined;
      }
      return fail ? Promise.reject(new Error("boom")) : Promise.resolve({ rows: [] });
    },
  };
  watchAccessWrites(client as unknown as PoolClient);
  return client;
}

let announced = 0;
const count = () => void (announced += 1);
afterEach(() => {
  afterAccessWrite.delete(count);
  announced = 0;
});

describe("access writes", () => {
  it("announces a write to an access table once it succeeds, by promise and by callback", async () => {
    afterAccessWrite.add(count);
    const c = fakeClient();
    await c.query({ text: 'update "repositories" set "visibility" = $1 where "id" = $2', values: ["private", "x"] });
    expect(announced).toBe(1);
    await new Promise<void>((r) => c.query('delete from "team_members" where "team_id" = $1', ["t"], () => r()));
    expect(announced).toBe(2);
    await c.query("insert into personal_access_tokens (id) values ($1)", ["x"]);
    expect(announced).toBe(3);
  });

  it("inside a transaction, only once the commit succeeds; nothing on rollback or for other tables", async () => {
    afterAccessWrite.add(count);
    const c = fakeClient();
    await c.query("begin");
    await c.query('update "users" set "deactivated_at" = now() where "id" = $1', ["u"]);
    expect(announced).toBe(0);
    await c.query("commit");
    expect(announced).toBe(1);
    await c.query("begin");
    await c.query('insert into "organization_members" ("organization_id") values ($1)', ["o"]);
    await c.query("rollback");
    await c.query('insert into "audit_events" ("action") values ($1)', ["a"]);
    await c.query("with batch as (delete from registry_pull_queue returning 1) update repositories set pull_count = 1");
    await c.query("select * from users");
    expect(announced).toBe(1);
  });

  it("a failed write announces nothing", async () => {
    afterAccessWrite.add(count);
    const c = fakeClient(true);
    await expect(c.query('update "repositories" set "status" = $1', ["deleting"])).rejects.toThrow("boom");
    await new Promise<void>((r) => c.query('update "repositories" set "status" = $1', ["deleting"], () => r()));
    expect(announced).toBe(0);
  });
});
