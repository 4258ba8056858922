import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { updateSiteSetting } from "@/lib/services/site-setting/update";
import { setNamespaceQuota } from "@/lib/services/storage/set-namespace-quota";
import type { NamespaceQuotaSetting } from "@/lib/validations/namespace-quota";
import { apiUser, type ApiUser } from "@/tests/helpers/api-fixtures";
import { uniqueName } from "@/tests/helpers/factory";
import { buildImage, pushImage, type LayerSpec } from "@/tests/helpers/oci-image";
import { fetchRegistryToken } from "@/tests/helpers/registry-token";
import { startDockerDaemon, type DockerDaemon } from "@/tests/harness/docker-daemon";

/**
 * The storage quota per namespace (Admin → Site settings), enforced at the front door on manifest
 * PUTs, with real pushes: skopeo and the docker CLI refused with 403 DENIED naming usage and
 * quota, the tag left where it was, pushes of stored images let through, and 100 pushes at once
 * never taking a namespace past its quota.
 */
const c = inject("console");
const db = new pg.Pool({ connectionString: c.databaseUrl, max: 2 });
let operatorId: string;
let owner: ApiUser;

async function setQuota(bytes: number | null) {
  await updateSiteSetting({ kind: "user", userId: operatorId, isAdmin: true }, "storage.default_quota_bytes", bytes);
  // The console hears of the change through a database notification; give it a moment.
  await new Promise((r) => setTimeout(r, 300));
}

beforeAll(async () => {
  const { rows } = await db.query<{ id: string }>("select id from users where username = $1", [c.admin.username]);
  operatorId = rows[0]!.id;
  owner = await apiUser("qt");
});
afterAll(async () => {
  await setQuota(null);
  await db.end();
});

/** The namespace's distinct bytes once the counters have caught up (nothing queued, no reservation pending). */
async function settledUsage(namespace: string): Promise<number> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const { rows } = await db.query<{ used: string; busy: boolean }>(
      `select coalesce(t.unique_bytes, 0) as used,
         exists (select 1 from storage_changes) or exists (select 1 from storage_tags where total_size is null) as busy
       from namespaces n left join storage_totals t on t.scope = 'namespace' and t.scope_id = n.id where n.name = $1`,
      [namespace],
    );
    if (!rows[0]!.busy || Date.now() > deadline) return Number(rows[0]!.used);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const layer = (kb: number): LayerSpec => ({ files: { "data.bin": crypto.randomBytes(kb * 512).toString("hex") } });
const creds = (repo: string) => ({
  registry: c.registryHost,
  repository: `${owner.username}/${repo}`,
  username: owner.username,
  password: owner.password,
});
async function tagDigest(repo: string, tag: string): Promise<string | null> {
  const token = await fetchRegistryToken(c.url, [`repository:${owner.username}/${repo}:pull`], owner);
  const res = await fetch(`${c.url}/v2/${owner.username}/${repo}/manifests/${tag}`, {
    method: "HEAD",
    headers: { authorization: `Bearer ${token}`, accept: "application/vnd.oci.image.manifest.v1+json" },
  });
  return res.status === 200 ? res.headers.get("docker-content-digest") : null;
}

describe("storage quota at the front door", () => {
  it("enforces a namespace's own quota over the site default, both ways; one below usage refuses new bytes and deletes nothing", async () => {
    const other = await apiUser("qn");
    const to = (repo: string) => ({
      ...creds(repo),
      repository: `${other.username}/${repo}`,
      username: other.username,
      password: other.password,
    });
    const own = async (quota: NamespaceQuotaSetting) => {
      await setNamespaceQuota(
        { kind: "user", userId: operatorId, isAdmin: true },
        { namespace: other.username, quota },
      );
      await new Promise((r) => setTimeout(r, 300));
    };
    const [a, b, d] = await Promise.all([1, 2, 3].map(() => buildImage({ layers: [layer(60)] })));
    await pushImage(a!, { ...to("app"), tag: "a" });
    const used = await settledUsage(other.username);
    try {
      // No site default; its own quota has room for half of b: refused.
      await own(used + Math.round(b!.totalSize / 2));
      expect(String(await pushImage(b!, { ...to("app"), tag: "b" }).catch((e: Error) => e))).toContain("storage quota");
      // A site default with no room, but no limit of its own: b goes through.
      await setQuota(used + 1);
      await own("unlimited");
      await pushImage(b!, { ...to("app"), tag: "b" });
      expect(await settledUsage(other.username)).toBeGreaterThan(used);
      // Back to the site default: d is refused.
      await own("site_default");
      expect(String(await pushImage(d!, { ...to("app"), tag: "d" }).catch((e: Error) => e))).toContain("storage quota");
      // A quota below what it stores: new bytes refused, a stored image still pushes, nothing deleted.
      await setQuota(null);
      const stored = await settledUsage(other.username);
      await own(Math.round(stored / 2));
      expect(String(await pushImage(d!, { ...to("app"), tag: "d" }).catch((e: Error) => e))).toContain("storage quota");
      await pushImage(a!, { ...to("app"), tag: "a-again" });
      expect(await settledUsage(other.username)).toBe(stored);
    } finally {
      await setQuota(null);
    }
  });

  it("refuses a push past the quota with 403 DENIED naming usage and quota; the tag stays; stored images still push", async () => {
    const a = await buildImage({ layers: [layer(60)] });
    const b = await buildImage({ layers: [layer(60)] });
    await pushImage(a, { ...creds("app"), tag: "1.0" });
    const used = await settledUsage(owner.username);
    expect(used).toBeGreaterThan(30_000);
    // Room for half of b.
    await setQuota(used + Math.round(b.totalSize / 2));

    const refused = await pushImage(b, { ...creds("app"), tag: "2.0" }).catch((err: Error) => err);
    expect(refused).toBeInstanceOf(Error);
    expect(String(refused)).toMatch(/denied/i);
    expect(String(refused)).toContain(`${owner.username} uses`);
    expect(String(refused)).toContain("storage quota");
    expect(await tagDigest("app", "2.0")).toBeNull();
    // Moving 1.0 to b: refused too, and 1.0 still points at a.
    expect(await pushImage(b, { ...creds("app"), tag: "1.0" }).catch((err: Error) => err)).toBeInstanceOf(Error);
    expect(await tagDigest("app", "1.0")).toBe(a.manifestDigest);
    // An image the namespace already stores adds nothing: another tag, another repository.
    await pushImage(a, { ...creds("app"), tag: "latest" });
    await pushImage(a, { ...creds("mirror"), tag: "1.0" });
    expect(await tagDigest("mirror", "1.0")).toBe(a.manifestDigest);
    expect(await settledUsage(owner.username)).toBe(used);
    // No quota: b goes through.
    await setQuota(null);
    await pushImage(b, { ...creds("app"), tag: "2.0" });
    expect(await tagDigest("app", "2.0")).toBe(b.manifestDigest);
  });

  it("100 pushes at once: exactly those that fit go through, the namespace never passes its quota", async () => {
    const repo = "burst";
    const repository = `${owner.username}/${repo}`;
    const token = await fetchRegistryToken(c.url, [`repository:${repository}:pull,push`], owner);
    const auth = { authorization: `Bearer ${token}` };
    const upload = async (blob: Buffer) => {
      const digest = `sha256:${crypto.createHash("sha256").update(blob).digest("hex")}`;
      const session = await fetch(`${c.url}/v2/${repository}/blobs/uploads/`, { method: "POST", headers: auth });
      expect(session.status).toBe(202);
      const put = new URL(session.headers.get("location")!, c.url);
      put.searchParams.set("digest", digest);
      const res = await fetch(put, {
        method: "PUT",
        headers: { ...auth, "content-type": "application/octet-stream" },
        body: new Uint8Array(blob),
      });
      expect(res.status).toBe(201);
      return { digest, size: blob.length };
    };
    // 100 images of exactly the same size: a 2 kB config and a 4 kB layer each, all distinct.
    const manifests = [];
    for (let i = 0; i < 100; i++) {
      const config = Buffer.from(
        JSON.stringify({ architecture: "amd64", os: "linux", pad: crypto.randomBytes(1000).toString("hex") }),
      );
      const [cfg, lay] = [await upload(config), await upload(crypto.randomBytes(4096))];
      manifests.push(
        Buffer.from(
          JSON.stringify({
            schemaVersion: 2,
            mediaType: "application/vnd.oci.image.manifest.v1+json",
            config: { mediaType: "application/vnd.oci.image.config.v1+json", ...cfg },
            layers: [{ mediaType: "application/vnd.oci.image.layer.v1.tar", ...lay }],
          }),
        ),
      );
    }
    const each = manifests[0]!.length + JSON.parse(manifests[0]!.toString()).config.size + 4096;
    expect(new Set(manifests.map((m) => m.length)).size).toBe(1);
    const used = await settledUsage(owner.username);
    const fits = 7;
    await setQuota(used + fits * each + Math.floor(each / 2));

    const answers = await Promise.all(
      manifests.map((m, i) =>
        fetch(`${c.url}/v2/${repository}/manifests/t${i}`, {
          method: "PUT",
          headers: { ...auth, "content-type": "application/vnd.oci.image.manifest.v1+json" },
          body: new Uint8Array(m),
        }).then(async (r) => ({ status: r.status, body: await r.text() })),
      ),
    );
    const byStatus = new Map<number, number>();
    for (const a of answers) byStatus.set(a.status, (byStatus.get(a.status) ?? 0) + 1);
    expect(Object.fromEntries(byStatus)).toEqual({ 201: fits, 403: 100 - fits });
    const denied = answers.find((a) => a.status === 403)!;
    expect(JSON.parse(denied.body).errors[0]).toMatchObject({ code: "DENIED" });
    const after = await settledUsage(owner.username);
    expect(after).toBe(used + fits * each);
    await setQuota(null);
  });

  it("the docker CLI shows the refusal", async () => {
    let d: DockerDaemon | undefined;
    try {
      d = await startDockerDaemon();
      await d.ensureBaseImage();
      const used = await settledUsage(owner.username);
      await setQuota(used + 1000);
      const login = await d.docker(["login", c.registryHost, "-u", owner.username, "--password-stdin"], {
        input: owner.tokens.read_write,
      });
      expect(login.stdout + login.stderr).toContain("Login Succeeded");
      const ctx = path.join(d.dir, "quota-ctx");
      await fs.mkdir(ctx, { recursive: true });
      await fs.writeFile(path.join(ctx, "big.bin"), crypto.randomBytes(200_000));
      await fs.writeFile(path.join(ctx, "Dockerfile"), "FROM base:1\nCOPY big.bin /big.bin\n");
      const ref = `${c.registryHost}/${owner.username}/${uniqueName("dk")}:1.0`;
      const build = await d.docker(["build", "--network", "none", "-t", ref, ctx], { env: { DOCKER_BUILDKIT: "0" } });
      expect(build.code, build.stderr).toBe(0);
      const push = await d.docker(["push", ref]);
      expect(push.code).not.toBe(0);
      expect(push.stdout + push.stderr).toContain("storage quota");
    } finally {
      await setQuota(null);
      await d?.stop();
    }
  }, 120_000);
});
