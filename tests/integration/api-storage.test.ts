import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openApiClient } from "@/tests/helpers/api";
import { apiUser, operatorToken as operatorTokenOf, orgWithMember, type ApiUser } from "@/tests/helpers/api-fixtures";
import { uniqueName } from "@/tests/helpers/factory";
import { buildImage, pushImage } from "@/tests/helpers/oci-image";

// Who may read storage figures over /api/v1 (the figures themselves: storage-figures.test.ts).
const c = inject("console");
const db = new pg.Pool({ connectionString: c.databaseUrl, max: 1 });
let api: Awaited<ReturnType<typeof openApiClient>>;
let owner: ApiUser, member: ApiUser, stranger: ApiUser;
let operatorToken: string;
let operatorWriteToken: string;
let org: string;

beforeAll(async () => {
  api = await openApiClient(c.url);
  [owner, member, stranger] = await Promise.all([apiUser("sto"), apiUser("stm"), apiUser("stx")]);
  operatorToken = await operatorTokenOf(db, c.admin.username, "read");
  operatorWriteToken = await operatorTokenOf(db, c.admin.username, "read_write");
  org = await orgWithMember(api, owner, member, "storg");
});
afterAll(() => db.end());

const nsStorage = (namespace: string, token: string) =>
  api.call("getNamespaceStorage", token, { params: { namespace } });

describe("storage over /api/v1", () => {
  it("a namespace's figures: its owner, an organization's owners and site operators; a member is told no, others see nothing", async () => {
    const image = await buildImage({ layers: [{ files: { [uniqueName("f")]: org } }] });
    await pushImage(image, {
      registry: c.registryHost,
      repository: `${org}/private`,
      tag: "1.0",
      username: owner.username,
      password: owner.password,
    });
    for (const [namespace, token] of [
      [owner.username, owner.tokens.read],
      [org, owner.tokens.read],
      [org, operatorToken],
      [owner.username, operatorToken],
    ] as const) {
      const r = await nsStorage(namespace, token);
      expect(r.status, `${namespace}`).toBe(200);
      expect(r.body).toMatchObject({ namespace, kind: namespace === org ? "org" : "user" });
    }
    const denied = await nsStorage(org, member.tokens.read);
    expect([denied.status, denied.body.error.code]).toEqual([403, "FORBIDDEN"]);
    for (const [namespace, token] of [
      [org, stranger.tokens.read],
      [owner.username, stranger.tokens.read],
      [owner.username, member.tokens.read],
      [uniqueName("none"), owner.tokens.read],
    ] as const) {
      const r = await nsStorage(namespace, token);
      expect([r.status, r.body.error.code], `${namespace}`).toEqual([404, "NOT_FOUND"]);
    }
  });

  it("the site's figures are for site operators only; a public repository's figure is for anyone who sees it", async () => {
    const site = await api.call("getSiteStorage", operatorToken);
    expect(site.status).toBe(200);
    expect(site.body.described_bytes).toBeGreaterThanOrEqual(0);
    const refused = await api.call("getSiteStorage", owner.tokens.read);
    expect([refused.status, refused.body.error.code]).toEqual([403, "FORBIDDEN"]);

    const name = "pub";
    await api.call("createRepository", owner.tokens.read_write, {
      params: { namespace: owner.username },
      body: { name, visibility: "public" },
    });
    const seen = await api.call("getRepository", stranger.tokens.read, { params: { namespace: owner.username, name } });
    expect(seen.status).toBe(200);
    expect(seen.body.storage).toEqual({ unique_bytes: 0, tagged_bytes: 0, pending_tags: 0, calculating: false });
  });

  it("what a deletion would free: for those who may delete (the repository's admins); bad tag lists are 400s", async () => {
    const impact = (namespace: string, name: string, token: string, tags?: string) =>
      api.call("getDeletionImpact", token, {
        params: { namespace, name },
        ...(tags === undefined ? {} : { query: { tags } }),
      });
    // The organization's private repository from the first test: its owner may delete it.
    const whole = await impact(org, "private", owner.tokens.read);
    expect(whole.status).toBe(200);
    expect(whole.body.repository_bytes).toBeGreaterThanOrEqual(0);
    expect((await impact(org, "private", owner.tokens.read, "1.0")).status).toBe(200);
    // Those who see the repository (made public by its first push) but may not delete it are told
    // no; a repository that does not exist is not found.
    for (const who of [member, stranger]) {
      const refused = await impact(org, "private", who.tokens.read, "1.0");
      expect([refused.status, refused.body.error.code]).toEqual([403, "FORBIDDEN"]);
    }
    const missing = await impact(org, uniqueName("none"), owner.tokens.read);
    expect([missing.status, missing.body.error.code]).toEqual([404, "NOT_FOUND"]);
    for (const tags of [",", "no such!", "a,,b b"]) {
      const bad = await impact(org, "private", owner.tokens.read, tags);
      expect([bad.status, bad.body.error.code], tags).toEqual([400, "VALIDATION_FAILED"]);
    }
  });

  it("a namespace's own quota: set by site operators only, shown with the figures; bad quotas are 400s on `quota`", async () => {
    const put = (namespace: string, token: string, quota: unknown) =>
      api.call("setNamespaceStorageQuota", token, { params: { namespace }, body: { quota } as never });
    const before = await nsStorage(org, owner.tokens.read);
    expect(before.body).toMatchObject({ quota: "site_default", quota_bytes: null });

    const set = await put(org, operatorWriteToken, 5e9);
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ namespace: org, quota: 5e9, quota_bytes: 5e9 });
    expect((await nsStorage(org, owner.tokens.read)).body).toMatchObject({ quota: 5e9, quota_bytes: 5e9 });
    const unlimited = await put(org, operatorWriteToken, "unlimited");
    expect(unlimited.body).toMatchObject({ quota: "unlimited", quota_bytes: null });
    // Below what it stores: allowed (pushes that add bytes are refused; nothing is deleted).
    const below = await put(org, operatorWriteToken, 1e6);
    expect([below.status, below.body.quota_bytes]).toEqual([200, 1e6]);
    const back = await put(org, operatorWriteToken, "site_default");
    expect(back.body).toMatchObject({ quota: "site_default", quota_bytes: null });
    const { rows } = await db.query<{ target: string; metadata: { to: string } }>(
      "select target, metadata from audit_events where action = 'storage_quota_changed' and namespace_id = (select id from namespaces where name = $1) order by created_at",
      [org],
    );
    expect(rows.map((r) => r.metadata.to)).toEqual(["5.0 GB", "no limit", "1.0 MB", "the site default"]);

    // Owners read their quota but may not set it; others do not learn the namespace exists.
    for (const [who, code] of [
      [owner, "FORBIDDEN"],
      [member, "FORBIDDEN"],
      [stranger, "FORBIDDEN"],
    ] as const) {
      const r = await put(org, who.tokens.read_write, 5e9);
      expect([r.status, r.body.error.code]).toEqual([403, code]);
    }
    const readOnly = await put(org, operatorToken, 5e9);
    expect(readOnly.status).toBe(403);
    const missing = await put(uniqueName("none"), operatorWriteToken, 5e9);
    expect([missing.status, missing.body.error.code]).toEqual([404, "NOT_FOUND"]);
    for (const quota of [0, -1, 999_999, 1.5e6 + 0.5, 2e15, "none", "", null, { bytes: 1 }]) {
      const r = await put(org, operatorWriteToken, quota);
      expect([r.status, r.body.error.code], JSON.stringify(quota)).toEqual([400, "VALIDATION_FAILED"]);
      expect(Object.keys(r.body.error.details.fieldErrors), JSON.stringify(quota)).toEqual(["quota"]);
    }
    expect((await nsStorage(org, owner.tokens.read)).body.quota).toBe("site_default");
  });
});
