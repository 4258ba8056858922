import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createOrganization } from "@/lib/services/organization/create";
import { updateOrgSettings } from "@/lib/services/organization/update-settings";
import { createPersonalAccessToken } from "@/lib/services/personal-access-token/create";
import { newUser, type TestUser } from "@/tests/helpers/accounts";
import { clientAddress, uniqueName } from "@/tests/helpers/factory";
import { buildImage, skopeoRun, type BuiltImage } from "@/tests/helpers/oci-image";

/**
 * A token request alone used to create a repository for every push scope it named (30 scopes, 30
 * empty repositories), and the private quota was a count then an insert (12 parallel first pushes
 * into a quota of 1 made 12). Now: at most 10 new repositories per request, 100 per namespace an
 * hour, and the quota under the namespace row's lock.
 */
const c = inject("console");
const db = new pg.Pool({ connectionString: c.databaseUrl, max: 3 });
afterAll(() => db.end());

const basic = (u: string, p: string) => `Basic ${Buffer.from(`${u}:${p}`).toString("base64")}`;
async function token(u: TestUser, scopes: string[]) {
  const url = new URL("/api/registry/token", c.url);
  url.searchParams.set("service", "registry-console");
  for (const s of scopes) url.searchParams.append("scope", s);
  const res = await fetch(url, {
    headers: { Authorization: basic(u.username, u.password), "X-Forwarded-For": clientAddress() },
  });
  const body = await res.json();
  return {
    status: res.status,
    code: body.errors?.[0]?.code as string | undefined,
    message: (body.errors?.[0]?.message ?? "") as string,
  };
}
async function repositoriesIn(namespace: string): Promise<string[]> {
  const rows = await db.query<{ name: string }>(
    "select r.name from repositories r join namespaces n on n.id = r.namespace_id where n.name = $1 order by r.name",
    [namespace],
  );
  return rows.rows.map((r) => r.name);
}
const pushScopes = (ns: string, prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => `repository:${ns}/${prefix}${i}:pull,push`);

describe("repositories created by token requests", () => {
  it("a request naming 30 new repositories creates none and says why (DENIED)", async () => {
    const u = await newUser("rc");
    // As the security test sent it: one OAuth2 POST, 30 space-separated push scopes.
    const post = await fetch(new URL("/api/registry/token", c.url), {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": clientAddress() },
      body: new URLSearchParams({
        grant_type: "password",
        service: "registry-console",
        client_id: "docker",
        username: u.username,
        password: u.password,
        scope: pushScopes(u.username, "a", 30).join(" "),
      }),
    });
    const body = await post.json();
    const res = { status: post.status, code: body.errors?.[0]?.code, message: body.errors?.[0]?.message };
    expect(res).toMatchObject({
      status: 403,
      code: "DENIED",
      message: expect.stringContaining("at most 10 repositories"),
    });
    expect(await repositoriesIn(u.username)).toEqual([]);
  });

  it("10 new repositories per request are fine; 11 parallel requests of 10 make exactly 100 an hour, the 11th is DENIED", async () => {
    const u = await newUser("rh");
    const answers = await Promise.all(
      Array.from({ length: 11 }, (_, i) => token(u, pushScopes(u.username, `b${i}x`, 10))),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(10);
    expect(
      answers.filter((a) => a.status === 403 && a.code === "DENIED" && /100 repositories by push/.test(a.message)),
    ).toHaveLength(1);
    expect(await repositoriesIn(u.username)).toHaveLength(100);
    // Pulls and pushes to repositories that exist are not creations and are not limited.
    expect((await token(u, [`repository:${u.username}/b0x0:pull,push`])).status).toBe(200);
  });

  it("a pull-only request creates nothing", async () => {
    const u = await newUser("rp");
    expect((await token(u, [`repository:${u.username}/ghost:pull`])).status).toBe(200);
    expect(await repositoriesIn(u.username)).toEqual([]);
  });
});

describe("the private-repository quota under concurrency", () => {
  let owner: TestUser;
  let image: BuiltImage;
  beforeAll(async () => {
    owner = await newUser("rq");
    image = await buildImage({ layers: [{ files: { "q.txt": "quota" } }] });
  });

  async function orgWithQuota(quota: number): Promise<string> {
    const org = uniqueName("rqo");
    await createOrganization(owner.id, { name: org, displayName: "" });
    await updateOrgSettings({
      org,
      actorId: owner.id,
      displayName: "",
      company: "",
      location: "",
      website: "",
      defaultVisibility: "private",
      privateRepoQuota: String(quota),
    });
    return org;
  }

  it("20 simultaneous first pushes (skopeo) into an organization with a quota of 3 make exactly 3 repositories", async () => {
    const org = await orgWithQuota(3);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        skopeoRun(
          [
            "copy",
            "--dest-tls-verify=false",
            "--dest-creds",
            `${owner.username}:${owner.password}`,
            `oci:${image.dir}:${image.ref}`,
            `docker://${c.registryHost}/${org}/app${i}:1`,
          ],
          { timeoutMs: 120_000 },
        ),
      ),
    );
    const pushed = results.filter((r) => r.code === 0);
    expect(pushed).toHaveLength(3);
    // skopeo prints only the status of the refused token request; the message is in its body.
    for (const r of results.filter((x) => x.code !== 0)) expect(r.stderr).toContain("403 (Forbidden)");
    expect(await repositoriesIn(org)).toHaveLength(3);
    expect(await token(owner, [`repository:${org}/one-more:pull,push`])).toMatchObject({
      status: 403,
      code: "DENIED",
      message: expect.stringContaining("has used all 3 of its private repositories"),
    });
  });

  it("20 simultaneous private creates through the JSON API with a quota of 2 make exactly 2", async () => {
    const org = await orgWithQuota(2);
    const t = await createPersonalAccessToken(owner.id, { description: "quota", scope: "read_write", expiry: "never" });
    const statuses = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const res = await fetch(`${c.url}/api/v1/namespaces/${org}/repositories`, {
          method: "POST",
          headers: { Authorization: `Bearer ${t.secret}`, "Content-Type": "application/json" },
          body: JSON.stringify({ name: `api${i}`, description: "", visibility: "private" }),
        });
        return res.status;
      }),
    );
    expect(statuses.filter((s) => s === 201)).toHaveLength(2);
    expect(statuses.filter((s) => s === 403)).toHaveLength(18);
    expect(await repositoriesIn(org)).toHaveLength(2);
  });
});
