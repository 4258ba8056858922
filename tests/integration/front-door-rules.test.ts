import http from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createFrontDoor, type FrontDoor } from "@/lib/front-door/door";
import type { ManifestRule, ManifestWrite } from "@/lib/front-door/manifest-rules";
import { immutableTagsRule } from "@/lib/front-door/immutable-tags";
import { createImmutableTagRule } from "@/lib/services/immutable-tag-rule/create";
import { deleteImmutableTagRule } from "@/lib/services/immutable-tag-rule/delete";
import { updateSiteSetting } from "@/lib/services/site-setting/update";
import { apiUser, type ApiUser } from "@/tests/helpers/api-fixtures";
import { fetchRegistryToken } from "@/tests/helpers/registry-token";
import { uniqueName } from "@/tests/helpers/factory";
import { buildImage, pushImage } from "@/tests/helpers/oci-image";

const c = inject("console");
const ACCEPT = "application/vnd.oci.image.manifest.v1+json";

let owner: ApiUser;
let db: pg.Pool;

function registryToken(user: ApiUser | null, repository: string, actions: string): Promise<string> {
  return fetchRegistryToken(c.url, [`repository:${repository}:${actions}`], user);
}

async function pushTo(registry: string, repository: string, tag: string, content: string) {
  const image = await buildImage({ layers: [{ files: { "f.txt": content } }] });
  return pushImage(image, { registry, repository, tag, username: owner.username, password: owner.password });
}

async function manifestDigest(repository: string, tag: string, token: string): Promise<Response> {
  return fetch(`${c.url}/v2/${repository}/manifests/${tag}`, {
    method: "HEAD",
    headers: { authorization: `Bearer ${token}`, accept: ACCEPT },
  });
}

beforeAll(async () => {
  owner = await apiUser("rules");
  db = new pg.Pool({ connectionString: c.databaseUrl, max: 2 });
});
afterAll(async () => {
  await updateSiteSetting({ kind: "user", userId: owner.id, isAdmin: true }, "registry.read_only", null);
  await db.end();
});

describe("a repository being deleted", () => {
  it("refuses pushes and pulls at the door, even with a token handed out before; others learn nothing", async () => {
    const repo = `${owner.username}/${uniqueName("going")}`;
    await pushTo(c.registryHost, repo, "1.0", "one");
    const early = await registryToken(owner, repo, "pull,push");
    const [name] = repo.split("/").slice(1);
    await db.query(
      `update repositories set status = 'deleting' where name = $1 and namespace_id = (select id from namespaces where name = $2)`,
      [name, owner.username],
    );
    try {
      const get = () =>
        fetch(`${c.url}/v2/${repo}/manifests/1.0`, { headers: { authorization: `Bearer ${early}`, accept: ACCEPT } });
      // The console hears of the change through the database's notification: milliseconds, not a request's time.
      await expect.poll(async () => (await get()).status, { timeout: 2000, interval: 20 }).toBe(403);
      const pull = await get();
      const body = (await pull.json()) as { errors: { code: string; message: string }[] };
      expect(body.errors[0]).toEqual({
        code: "DENIED",
        message: `${repo} is being deleted: it takes no pushes or pulls until the deletion has finished.`,
      });
      const upload = await fetch(`${c.url}/v2/${repo}/blobs/uploads/`, {
        method: "POST",
        headers: { authorization: `Bearer ${early}` },
      });
      expect(upload.status).toBe(403);
      // A real client, with a fresh login: refused too (the token service grants nothing now).
      await expect(pushTo(c.registryHost, repo, "2.0", "two")).rejects.toThrow(/denied|unauthorized|being deleted/i);
      // Anonymous: the registry's own 401, not the door's message.
      const anonymous = await fetch(`${c.url}/v2/${repo}/manifests/1.0`, { headers: { accept: ACCEPT } });
      expect(anonymous.status).toBe(401);
      expect(await anonymous.text()).not.toContain("being deleted");
    } finally {
      // The console's deletion worker may finish the deletion meanwhile; if not, undo the mark.
      await db.query(
        `update repositories set status = 'active' where name = $1 and namespace_id = (select id from namespaces where name = $2)`,
        [name, owner.username],
      );
    }
  });
});

describe("read-only mode", () => {
  afterAll(async () => {
    await updateSiteSetting({ kind: "user", userId: owner.id, isAdmin: true }, "registry.read_only", null);
  });
  it("refuses pushes, uploads and deletes with 503, Retry-After and the operator's message; pulls go on", async () => {
    const repo = `${owner.username}/${uniqueName("ro")}`;
    await pushTo(c.registryHost, repo, "1.0", "one");
    const token = await registryToken(owner, repo, "pull,push,delete");
    await updateSiteSetting({ kind: "user", userId: owner.id, isAdmin: true }, "registry.read_only", {
      message: "Garbage collection until 14:00 UTC.",
      since: new Date().toISOString(),
    });
    // The console hears of it through a database notification: the next request or the one after.
    const post = () =>
      fetch(`${c.url}/v2/${repo}/blobs/uploads/`, { method: "POST", headers: { authorization: `Bearer ${token}` } });
    await expect.poll(async () => (await post()).status, { timeout: 5000, interval: 50 }).toBe(503);
    const refused = await post();
    expect(refused.headers.get("retry-after")).toBe("60");
    expect(await refused.json()).toEqual({
      errors: [
        {
          code: "UNAVAILABLE",
          message:
            "The registry is read-only for now: Garbage collection until 14:00 UTC. Pulls keep working; try the push again later.",
        },
      ],
    });
    const del = await fetch(`${c.url}/v2/${repo}/manifests/1.0`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${token}` },
    });
    expect(del.status).toBe(503);
    // docker and skopeo print only the status of a 5xx answer, not its body.
    await expect(pushTo(c.registryHost, repo, "2.0", "two")).rejects.toThrow(/503 Service Unavailable/);
    // Pulls go on.
    const pull = await fetch(`${c.url}/v2/${repo}/manifests/1.0`, {
      headers: { authorization: `Bearer ${token}`, accept: ACCEPT },
    });
    expect(pull.status).toBe(200);

    await updateSiteSetting({ kind: "user", userId: owner.id, isAdmin: true }, "registry.read_only", null);
    await expect.poll(async () => (await post()).status, { timeout: 5000, interval: 50 }).toBe(202);
    await pushTo(c.registryHost, repo, "2.0", "two");
  });
});

describe("manifest rules", () => {
  let server: http.Server;
  let door: FrontDoor;
  const seen: ManifestWrite[] = [];
  // The test's own rule: the tag "frozen" may not be overwritten or deleted.
  const frozen: ManifestRule = (w) => {
    seen.push(w);
    return !w.byDigest && w.reference === "frozen"
      ? { status: 403, code: "DENIED", message: `${w.repository}:frozen is frozen` }
      : null;
  };
  beforeAll(async () => {
    door = createFrontDoor({ registryUrl: c.registryUrl, trustProxy: false, manifestRules: [frozen] });
    server = http.createServer((req, res) => void door.serve(req, res));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    door.close();
  });

  it("a refused PUT never reaches the registry: the tag stays where it was", async () => {
    const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    const repo = `${owner.username}/${uniqueName("frozen")}`;
    const first = await pushTo(c.registryHost, repo, "frozen", "first");
    await expect(pushTo(host, repo, "frozen", "second")).rejects.toThrow(/frozen is frozen/);
    const token = await registryToken(owner, repo, "pull");
    expect((await manifestDigest(repo, "frozen", token)).headers.get("docker-content-digest")).toBe(first.digest);
    // The rule saw who and what: the pusher's name and the manifest it sent.
    const put = seen.find((w) => w.method === "PUT" && w.reference === "frozen")!;
    expect(put.username).toBe(owner.username);
    expect(put.mediaType).toBe(ACCEPT);
    expect(JSON.parse(put.body!.toString()).schemaVersion).toBe(2);
    // Other tags pass the same door.
    await pushTo(host, repo, "thawed", "third");
    expect((await manifestDigest(repo, "thawed", token)).status).toBe(200);
  });
});

describe("immutable tags at a door without the registry's storage", () => {
  let server: http.Server;
  let door: FrontDoor;
  beforeAll(async () => {
    // No registryStorageDir: a tag's current digest is asked of the registry (a HEAD).
    door = createFrontDoor({ registryUrl: c.registryUrl, trustProxy: false, manifestRules: [immutableTagsRule()] });
    server = http.createServer((req, res) => void door.serve(req, res));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    door.close();
  });

  it("refuses moving and deleting a matching tag, accepts the same image again and tags no rule matches", async () => {
    const actor = { kind: "user" as const, userId: owner.id, isAdmin: false };
    const { id } = await createImmutableTagRule(actor, {
      namespace: owner.username,
      repositoryPattern: "locked-*",
      tagPattern: "v{1,2}.*",
    });
    try {
      const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
      const repo = `${owner.username}/locked-${uniqueName("l")}`;
      const first = await pushTo(host, repo, "v1.0", "first");
      await expect(pushTo(host, repo, "v1.0", "second")).rejects.toThrow(/tag v1\.0 of .* is immutable/);
      expect((await pushTo(host, repo, "v1.0", "first")).digest).toBe(first.digest);
      await pushTo(host, repo, "v3.0", "second");
      await pushTo(host, repo, "v3.0", "third");
      const token = await registryToken(owner, repo, "pull,push,delete");
      expect((await manifestDigest(repo, "v1.0", token)).headers.get("docker-content-digest")).toBe(first.digest);
      const del = await fetch(`http://${host}/v2/${repo}/manifests/v1.0`, {
        method: "DELETE",
        headers: { authorization: `Bearer ${token}` },
      });
      expect(del.status).toBe(403);
      expect(((await del.json()) as { errors: { code: string }[] }).errors[0]!.code).toBe("DENIED");
    } finally {
      await deleteImmutableTagRule(actor, { namespace: owner.username, ruleId: id });
    }
  });
});
