import crypto from "node:crypto";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { createOrganization } from "@/lib/services/organization/create";
import { updateOrgSettings } from "@/lib/services/organization/update-settings";
import { openApiClient } from "@/tests/helpers/api";
import { apiUser, type ApiUser } from "@/tests/helpers/api-fixtures";
import { waitForRows } from "@/tests/helpers/db";
import { uniqueName } from "@/tests/helpers/factory";
import { buildImage, pushImage } from "@/tests/helpers/oci-image";

const c = inject("console");
let api: Awaited<ReturnType<typeof openApiClient>>;
let owner: ApiUser;
let stranger: ApiUser;
let image: Awaited<ReturnType<typeof buildImage>>;

beforeAll(async () => {
  api = await openApiClient(c.url);
  [owner, stranger] = await Promise.all([apiUser("ar"), apiUser("as")]);
  image = await buildImage({ layers: [{ files: { "x.txt": crypto.randomBytes(40).toString("hex") } }] });
});

async function pushTags(repository: string, tags: string[]) {
  for (const tag of tags)
    await pushImage(image, {
      registry: c.registryHost,
      repository,
      tag,
      username: owner.username,
      password: owner.password,
    });
  await waitForRows(
    c.databaseUrl,
    "select t.name from repository_tags t join repositories r on r.id = t.repository_id join namespaces n on n.id = r.namespace_id where n.name || '/' || r.name = $1",
    [repository],
    (r) => r.length === tags.length,
  );
}

describe("repositories over /api/v1", () => {
  it("a Read & Write token creates, reads, lists and updates; the answers match the OpenAPI document", async () => {
    const ns = owner.username;
    const created = await api.call("createRepository", owner.tokens.read_write, {
      params: { namespace: ns },
      body: { name: "svc", description: "Service", visibility: "private" },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      full_name: `${ns}/svc`,
      visibility: "private",
      description: "Service",
      role: "owner",
      pull_command: `docker pull ${c.registryHost}/${ns}/svc`,
    });

    const again = await api.call("createRepository", owner.tokens.read_write, {
      params: { namespace: ns },
      body: { name: "svc" },
    });
    expect(again.status).toBe(400);
    expect(again.body.error).toMatchObject({ code: "VALIDATION_FAILED" });

    const got = await api.call("getRepository", owner.tokens.read, { params: { namespace: ns, name: "svc" } });
    expect(got.status).toBe(200);
    const patched = await api.call("updateRepository", owner.tokens.read_write, {
      params: { namespace: ns, name: "svc" },
      body: { overview: "# Hello", visibility: "public" },
    });
    expect(patched.body).toMatchObject({ overview: "# Hello", visibility: "public", description: "Service" });

    for (const name of ["alpha", "beta", "gamma"])
      await api.call("createRepository", owner.tokens.read_write, { params: { namespace: ns }, body: { name } });
    const page1 = await api.call("listRepositories", owner.tokens.read, {
      params: { namespace: ns },
      query: { sort: "name", page_size: 2 },
    });
    expect(page1.body).toMatchObject({ count: 4, page: 1, page_size: 2, previous: null });
    expect(page1.body.results.map((r: { name: string }) => r.name)).toEqual(["alpha", "beta"]);
    const next = new URL(page1.body.next);
    const page2 = await api.call("listRepositories", owner.tokens.read, {
      params: { namespace: ns },
      query: Object.fromEntries(next.searchParams),
    });
    expect(page2.body.results.map((r: { name: string }) => r.name)).toEqual(["gamma", "svc"]);
    expect(page2.body.next).toBeNull();
    const filtered = await api.call("listRepositories", owner.tokens.read, {
      params: { namespace: ns },
      query: { q: "amm" },
    });
    expect(filtered.body.results.map((r: { name: string }) => r.name)).toEqual(["gamma"]);
  });

  it("a PATCH whose visibility change is refused (private quota used up) changes nothing, not even the description", async () => {
    const { name: org } = await createOrganization(owner.id, { name: uniqueName("arq"), displayName: "" });
    await updateOrgSettings({
      org,
      actorId: owner.id,
      displayName: "",
      company: "",
      location: "",
      website: "",
      defaultVisibility: "public",
      privateRepoQuota: "0",
    });
    const created = await api.call("createRepository", owner.tokens.read_write, {
      params: { namespace: org },
      body: { name: "app", description: "Before", visibility: "public" },
    });
    expect(created.status).toBe(201);

    const patched = await api.call("updateRepository", owner.tokens.read_write, {
      params: { namespace: org, name: "app" },
      body: { description: "After", visibility: "private" },
    });
    expect(patched.status).toBe(403);
    expect(patched.body.error).toMatchObject({ code: "FORBIDDEN" });
    const got = await api.call("getRepository", owner.tokens.read, { params: { namespace: org, name: "app" } });
    expect(got.body).toMatchObject({ description: "Before", visibility: "public" });

    // The description alone still changes.
    const described = await api.call("updateRepository", owner.tokens.read_write, {
      params: { namespace: org, name: "app" },
      body: { description: "After" },
    });
    expect(described.body).toMatchObject({ description: "After", visibility: "public" });
  });

  it("tags: listed from the index with digests and sizes; deleting needs the delete scope, and a second delete is a 404", async () => {
    const repository = `${owner.username}/web`;
    await pushTags(repository, ["1.0", "2.0", "3.0"]);
    const list = await api.call("listTags", owner.tokens.read, {
      params: { namespace: owner.username, name: "web" },
      query: { sort: "name", page_size: 2 },
    });
    expect(list.body.count).toBe(3);
    expect(list.body.results[0]).toMatchObject({
      name: "1.0",
      digest: image.manifestDigest,
      pushed_by: owner.username,
      pull_count: 0,
    });
    expect(list.body.next).toContain("page=2");
    const one = await api.call("getTag", owner.tokens.read, {
      params: { namespace: owner.username, name: "web", tag: "2.0" },
    });
    expect(one.body).toMatchObject({ name: "2.0", digest: image.manifestDigest });

    // All three tags share one image: the registry deletes by digest, so deleting one alone is refused.
    const shared = await api.call("deleteTag", owner.tokens.read_write_delete, {
      params: { namespace: owner.username, name: "web", tag: "1.0" },
    });
    expect(shared.status).toBe(400);
    expect(shared.body.error.message).toMatch(/share/);

    const other = await buildImage({ layers: [{ files: { "y.txt": crypto.randomBytes(40).toString("hex") } }] });
    await pushImage(other, {
      registry: c.registryHost,
      repository,
      tag: "solo",
      username: owner.username,
      password: owner.password,
    });
    await waitForRows(
      c.databaseUrl,
      "select 1 from repository_tags where name = 'solo' and digest = $1",
      [other.manifestDigest],
      (r) => r.length === 1,
    );
    const denied = await api.call("deleteTag", owner.tokens.read_write, {
      params: { namespace: owner.username, name: "web", tag: "solo" },
    });
    expect(denied.status).toBe(403);
    expect(denied.body.error).toMatchObject({
      code: "INSUFFICIENT_SCOPE",
      details: { required: "read_write_delete", token: "read_write" },
    });
    const deleted = await api.call("deleteTag", owner.tokens.read_write_delete, {
      params: { namespace: owner.username, name: "web", tag: "solo" },
    });
    expect(deleted.status).toBe(204);
    const twice = await api.call("deleteTag", owner.tokens.read_write_delete, {
      params: { namespace: owner.username, name: "web", tag: "solo" },
    });
    expect(twice.status).toBe(404);
    expect(twice.body.error.code).toBe("NOT_FOUND");
    expect(
      (await api.call("getTag", owner.tokens.read, { params: { namespace: owner.username, name: "web", tag: "solo" } }))
        .status,
    ).toBe(404);
  });

  it("a Read-only token cannot change anything, whatever it asks", async () => {
    const p = { namespace: owner.username, name: "web" };
    const attempts = [
      api.call("createRepository", owner.tokens.read, {
        params: { namespace: owner.username },
        body: { name: "nope" },
      }),
      api.call("updateRepository", owner.tokens.read, { params: p, body: { description: "x" } }),
      api.call("deleteRepository", owner.tokens.read, { params: p }),
      api.call("deleteTag", owner.tokens.read, { params: { ...p, tag: "1.0" } }),
    ];
    for (const r of await Promise.all(attempts)) {
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe("INSUFFICIENT_SCOPE");
    }
    const read = await api.call("getRepository", owner.tokens.read, { params: p });
    expect(read.body.description).toBe("");
  });

  it("another user's token sees public repositories only, and changes nothing", async () => {
    const ns = owner.username;
    await api.call("createRepository", owner.tokens.read_write, {
      params: { namespace: ns },
      body: { name: "secret", visibility: "private" },
    });
    await api.call("createRepository", owner.tokens.read_write, {
      params: { namespace: ns },
      body: { name: "open", visibility: "public" },
    });
    const t = stranger.tokens.read_write_delete;
    const list = await api.call("listRepositories", t, { params: { namespace: ns }, query: { page_size: 100 } });
    const names = list.body.results.map((r: { name: string }) => r.name);
    expect(names).toContain("open");
    expect(names).not.toContain("secret");
    // Private looks exactly like missing.
    const secret = await api.call("getRepository", t, { params: { namespace: ns, name: "secret" } });
    const missing = await api.call("getRepository", t, { params: { namespace: ns, name: "never-was" } });
    expect([secret.status, missing.status]).toEqual([404, 404]);
    expect(secret.body).toEqual(missing.body);
    expect((await api.call("getRepository", t, { params: { namespace: ns, name: "open" } })).body.role).toBe("none");
    expect(
      (
        await api.call("updateRepository", t, {
          params: { namespace: ns, name: "open" },
          body: { description: "pwned" },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await api.call("updateRepository", t, {
          params: { namespace: ns, name: "secret" },
          body: { description: "pwned" },
        })
      ).status,
    ).toBe(404);
    expect((await api.call("deleteRepository", t, { params: { namespace: ns, name: "open" } })).status).toBe(403);
    expect((await api.call("deleteTag", t, { params: { namespace: ns, name: "web", tag: "1.0" } })).status).toBe(403);
    expect(
      (await api.call("createRepository", t, { params: { namespace: ns }, body: { name: "planted" } })).status,
    ).toBe(403);
    // Creating over the private one answers the same as over a free name: nothing says it exists.
    const over = await api.call("createRepository", t, { params: { namespace: ns }, body: { name: "secret" } });
    const free = await api.call("createRepository", t, { params: { namespace: ns }, body: { name: "planted" } });
    expect(over.status).toBe(403);
    expect(over.body.error.message).toBe(free.body.error.message);
    expect(
      (await api.call("getRepository", owner.tokens.read, { params: { namespace: ns, name: "open" } })).body
        .description,
    ).toBe("");
  });

  it("a Read, Write & Delete token deletes a repository for real; the next read is a 404", async () => {
    const ns = owner.username;
    await pushTags(`${ns}/gone`, ["1"]);
    const r = await api.call("deleteRepository", owner.tokens.read_write_delete, {
      params: { namespace: ns, name: "gone" },
    });
    expect(r.status).toBe(204);
    expect(
      (await api.call("getRepository", owner.tokens.read, { params: { namespace: ns, name: "gone" } })).status,
    ).toBe(404);
    expect(
      (await api.call("deleteRepository", owner.tokens.read_write_delete, { params: { namespace: ns, name: "gone" } }))
        .status,
    ).toBe(404);
  });

  it("bad input gets a 400 with a stable code and the fields named; bad credentials a 401", async () => {
    const ns = owner.username;
    const bad = await api.call("createRepository", owner.tokens.read_write, {
      params: { namespace: ns },
      body: { name: "Bad Name!", visibility: "secret" },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("VALIDATION_FAILED");
    expect(Object.keys(bad.body.error.details.fieldErrors).sort()).toEqual(["name", "visibility"]);
    const malformed = await api.call("createRepository", owner.tokens.read_write, {
      params: { namespace: ns },
      rawBody: "{nope",
    });
    expect(malformed.body.error.code).toBe("MALFORMED_JSON");
    const big = await api.call("listTags", owner.tokens.read, {
      params: { namespace: ns, name: "web" },
      query: { page_size: 101 },
    });
    expect(big.status).toBe(400);
    expect(big.body.error.details.fieldErrors.page_size).toBeDefined();
    const empty = await api.call("updateRepository", owner.tokens.read_write, {
      params: { namespace: ns, name: "web" },
      body: {},
    });
    expect(empty.status).toBe(400);
    expect((await api.call("getRepository", null, { params: { namespace: ns, name: "web" } })).status).toBe(401);
    const wrong = await api.call("getRepository", `rcp_${"x".repeat(40)}`, { params: { namespace: ns, name: "web" } });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe("UNAUTHORIZED");
  });
});
