import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { transaction } from "@/db";
import { notifyQuotaLevels } from "@/lib/services/storage/notify-quota-levels";
import { rollUpStorage } from "@/lib/services/storage/roll-up";
import { updateSiteSetting } from "@/lib/services/site-setting/update";
import { openApiClient } from "@/tests/helpers/api";
import { apiUser, operatorToken as operatorTokenOf, orgWithMember, type ApiUser } from "@/tests/helpers/api-fixtures";
import { buildImage, pushImage, type BuiltImage } from "@/tests/helpers/oci-image";

/**
 * Storage quota notifications with real pushes: an organization's owners (not its plain members)
 * are told once when usage crosses 80 % of the namespace's own quota and once when it reaches
 * 100 %, not again while it stays there, and again after it fell back below 80 % (re-armed by
 * deleting tags). Another process rolling up or re-checking at the same time tells nobody twice.
 */
const c = inject("console");
const db = new pg.Pool({ connectionString: c.databaseUrl, max: 2 });
let api: Awaited<ReturnType<typeof openApiClient>>;
let owner: ApiUser, member: ApiUser;
let operatorToken: string;
let operatorId: string;
let org: string;

beforeAll(async () => {
  api = await openApiClient(c.url);
  [owner, member] = await Promise.all([apiUser("qno"), apiUser("qnm")]);
  const { rows } = await db.query<{ id: string }>("select id from users where username = $1", [c.admin.username]);
  operatorId = rows[0]!.id;
  operatorToken = await operatorTokenOf(db, c.admin.username, "read_write");
  org = await orgWithMember(api, owner, member, "qnorg");
});
afterAll(() => db.end());

/** Bytes an image adds to a namespace storing none of it: manifest, config and layers. */
const bytesOf = (i: BuiltImage) => i.manifestBytes.length + i.totalSize;
const image = (kb: number) =>
  buildImage({ layers: [{ files: { "data.bin": crypto.randomBytes(kb * 512).toString("hex") } }] });
const push = (i: BuiltImage, tag: string) =>
  pushImage(i, {
    registry: c.registryHost,
    repository: `${org}/app`,
    tag,
    username: owner.username,
    password: owner.password,
  });

/** The organization's distinct bytes once every change is counted. */
async function settledUsage(): Promise<number> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const { rows } = await db.query<{ used: string; busy: boolean }>(
      `select coalesce(t.unique_bytes, 0) as used,
         exists (select 1 from storage_changes) or exists (select 1 from storage_tags where total_size is null) as busy
       from namespaces n left join storage_totals t on t.scope = 'namespace' and t.scope_id = n.id where n.name = $1`,
      [org],
    );
    if (!rows[0]!.busy || Date.now() > deadline) return Number(rows[0]!.used);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The storage quota notifications each user has, oldest first, as their titles. */
async function told(user: ApiUser): Promise<string[]> {
  const { rows } = await db.query<{ title: string }>(
    "select title from notifications where user_id = $1 and kind = 'storage_quota' order by created_at, title",
    [user.id],
  );
  return rows.map((r) => r.title);
}

describe("storage quota notifications", () => {
  it("tells the owners once at 80 % and once at 100 %, and again after usage fell back below 80 %", async () => {
    // 70 %, then 85 % (crosses 80 %), then exactly 100 % (a push that fills the quota to the byte passes the door).
    const [a, b, cc] = await Promise.all([image(1400), image(300), image(300)]);
    const quota = bytesOf(a) + bytesOf(b) + bytesOf(cc);
    expect(quota).toBeGreaterThan(1e6);
    const set = await api.call("setNamespaceStorageQuota", operatorToken, {
      params: { namespace: org },
      body: { quota },
    });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ quota_bytes: quota, quota });

    await push(a, "a");
    expect(await settledUsage()).toBe(bytesOf(a));
    expect(await told(owner)).toEqual([]);

    await push(b, "b");
    expect(await settledUsage()).toBe(bytesOf(a) + bytesOf(b));
    expect(await told(owner)).toEqual([`${org} has used 80 % of its storage quota`]);

    await push(cc, "c");
    expect(await settledUsage()).toBe(quota);
    const full = [`${org} has used 80 % of its storage quota`, `${org} has reached its storage quota`];
    expect(await told(owner)).toEqual(full);
    // A push of an image already stored adds nothing: allowed at 100 %, and no new notification.
    await push(a, "a-again");
    expect(await settledUsage()).toBe(quota);

    // Another console process rolling up, and checks racing each other, tell nobody again.
    await Promise.all([
      rollUpStorage(),
      ...Array.from({ length: 4 }, () =>
        transaction((tx) => notifyQuotaLevels(tx, sql`select id from namespaces where name = ${org}`)),
      ),
    ]);
    expect(await told(owner)).toEqual(full);
    expect(await told(member)).toEqual([]);

    // Back below 80 % (re-armed, silently), then over it again: told again.
    for (const tag of ["b", "c"]) {
      const del = await api.call("deleteTag", owner.tokens.read_write_delete, {
        params: { namespace: org, name: "app", tag },
      });
      expect(del.status, tag).toBe(204);
    }
    expect(await settledUsage()).toBe(bytesOf(a));
    expect(await told(owner)).toEqual(full);
    await push(b, "b2");
    expect(await settledUsage()).toBe(bytesOf(a) + bytesOf(b));
    expect(await told(owner)).toEqual([...full, `${org} has used 80 % of its storage quota`]);
    expect(await told(member)).toEqual([]);
    const { rows } = await db.query<{ link: string; body: string }>(
      "select link, body from notifications where user_id = $1 and kind = 'storage_quota' limit 1",
      [owner.id],
    );
    expect(rows[0]!.link).toBe(`/orgs/${org}/settings`);
    expect(rows[0]!.body).toContain("of its");
  });

  it("tells a user at once when a lower site default puts their namespace over 80 %; re-armed when it goes", async () => {
    const user = await apiUser("qnu");
    const img = await image(200);
    await pushImage(img, {
      registry: c.registryHost,
      repository: `${user.username}/app`,
      tag: "1",
      username: user.username,
      password: user.password,
    });
    const deadline = Date.now() + 30_000;
    while ((await db.query("select 1 from storage_changes limit 1")).rowCount && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 200));
    const operator = { kind: "user" as const, userId: operatorId, isAdmin: true };
    try {
      await updateSiteSetting(operator, "storage.default_quota_bytes", Math.ceil(bytesOf(img) / 0.9));
      expect(await told(user)).toEqual([`${user.username} has used 80 % of its storage quota`]);
      const { rows } = await db.query<{ link: string }>(
        "select link from notifications where user_id = $1 and kind = 'storage_quota'",
        [user.id],
      );
      expect(rows[0]!.link).toBe("/settings/general");
      // No default: back below 80 % (silently); the same default again tells them again.
      await updateSiteSetting(operator, "storage.default_quota_bytes", null);
      await updateSiteSetting(operator, "storage.default_quota_bytes", Math.ceil(bytesOf(img) / 0.9));
      expect(await told(user)).toHaveLength(2);
    } finally {
      await updateSiteSetting(operator, "storage.default_quota_bytes", null);
    }
  });
});
