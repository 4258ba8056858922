import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { getRegistryClient } from "@/lib/registry";
import { openApiClient } from "@/tests/helpers/api";
import { apiUser, orgWithMember, type ApiUser } from "@/tests/helpers/api-fixtures";
import { uniqueName } from "@/tests/helpers/factory";
import { buildImage, pushImage, type BuiltImage } from "@/tests/helpers/oci-image";
import { fetchRegistryToken } from "@/tests/helpers/registry-token";
import { startDockerDaemon, type DockerDaemon } from "@/tests/harness/docker-daemon";

// Immutable tag rules: managed over /api/v1, enforced at the front door (real skopeo and docker
// pushes, registry DELETEs) and by the console's own tag deletion.
const c = inject("console");
const db = new pg.Pool({ connectionString: c.databaseUrl, max: 1 });
let api: Awaited<ReturnType<typeof openApiClient>>;
let owner: ApiUser, member: ApiUser, stranger: ApiUser;
let org: string;

beforeAll(async () => {
  api = await openApiClient(c.url);
  [owner, member, stranger] = await Promise.all([apiUser("imo"), apiUser("imm"), apiUser("imx")]);
  org = await orgWithMember(api, owner, member, "imorg");
});
afterAll(() => db.end());

const addRule = (namespace: string, token: string, repository_pattern: string, tag_pattern: string) =>
  api.call("createImmutableTagRule", token, { params: { namespace }, body: { repository_pattern, tag_pattern } });

function push(image: BuiltImage, repository: string, tag: string) {
  return pushImage(image, {
    registry: c.registryHost,
    repository,
    tag,
    username: owner.username,
    password: owner.password,
  });
}

describe("immutable tag rules over /api/v1", () => {
  it("owners and operators manage them; a member is told no, others see nothing; bad patterns and the 16th rule are field errors", async () => {
    const created = await addRule(org, owner.tokens.read_write, "app-*", "release-{1,2}.*");
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      repository_pattern: "app-*",
      tag_pattern: "release-{1,2}.*",
      created_by: owner.username,
    });
    const list = await api.call("listImmutableTagRules", owner.tokens.read, { params: { namespace: org } });
    expect(list.status).toBe(200);
    expect(list.body.items.map((r: { id: string }) => r.id)).toEqual([created.body.id]);

    const byMember = await addRule(org, member.tokens.read_write, "**", "v*");
    expect([byMember.status, byMember.body.error.code]).toEqual([403, "FORBIDDEN"]);
    const memberList = await api.call("listImmutableTagRules", member.tokens.read, { params: { namespace: org } });
    expect(memberList.status).toBe(403);
    for (const ns of [org, owner.username]) {
      expect((await addRule(ns, stranger.tokens.read_write, "**", "v*")).status, ns).toBe(404);
      expect(
        (await api.call("listImmutableTagRules", stranger.tokens.read, { params: { namespace: ns } })).status,
        ns,
      ).toBe(404);
    }
    const memberDelete = await api.call("deleteImmutableTagRule", member.tokens.read_write, {
      params: { namespace: org, id: created.body.id },
    });
    expect(memberDelete.status).toBe(403);

    const unbalanced = await addRule(org, owner.tokens.read_write, "**", "release-{1,2");
    expect(unbalanced.status).toBe(400);
    expect(unbalanced.body.error.details.fieldErrors.tag_pattern[0]).toMatch(/Unbalanced "\{"/);
    const empty = await addRule(org, owner.tokens.read_write, " ", "v*");
    expect(empty.body.error.details.fieldErrors.repository_pattern[0]).toMatch(/Enter a pattern/);

    for (let i = 1; i < 15; i++)
      expect((await addRule(org, owner.tokens.read_write, "**", `r${i}-*`)).status).toBe(201);
    const sixteenth = await addRule(org, owner.tokens.read_write, "**", "r16-*");
    expect(sixteenth.status).toBe(400);
    expect(sixteenth.body.error.details.fieldErrors.repository_pattern[0]).toMatch(/at most 15 rules/);

    const gone = await api.call("deleteImmutableTagRule", owner.tokens.read_write, {
      params: { namespace: org, id: created.body.id },
    });
    expect(gone.status).toBe(204);
    const again = await api.call("deleteImmutableTagRule", owner.tokens.read_write, {
      params: { namespace: org, id: created.body.id },
    });
    expect(again.status).toBe(404);
    const { rows } = await db.query<{ action: string }>(
      "select action from audit_events where namespace_id = (select id from namespaces where name = $1) and action like 'immutable_rule_%'",
      [org],
    );
    expect(rows.filter((r) => r.action === "immutable_rule_added")).toHaveLength(15);
    expect(rows.filter((r) => r.action === "immutable_rule_deleted")).toHaveLength(1);
  });
});

describe("enforcement", () => {
  let d: DockerDaemon;
  beforeAll(async () => {
    d = await startDockerDaemon();
  }, 60_000);
  afterAll(async () => {
    await d?.stop();
  });

  it("an immutable tag is pushed once: moves and deletes are refused at the door and in the console, until the rule goes", async () => {
    const name = uniqueName("app");
    const repo = `${owner.username}/${name}`;
    const rule = await addRule(owner.username, owner.tokens.read_write, "**", "v*");
    expect(rule.status).toBe(201);
    const [a, b] = await Promise.all([
      buildImage({ layers: [{ files: { "a.txt": `a ${name}` } }] }),
      buildImage({ layers: [{ files: { "b.txt": `b ${name}` } }] }),
    ]);
    const message = `tag v1.0 of ${repo} is immutable (rule: repositories "**", tags "v*"); push a new tag instead`;

    // A new tag is accepted.
    expect((await push(a, repo, "v1.0")).digest).toBe(a.manifestDigest);
    // Another image to it is refused, and the tag stays where it was (registry and index).
    // skopeo quotes the registry's message Go-style (\" for ").
    const skopeo = await push(b, repo, "v1.0").then(
      () => "pushed",
      (err: Error) => err.message.replaceAll('\\"', '"'),
    );
    expect(skopeo).toContain(`denied: ${message}`);
    expect((await getRegistryClient().headManifest(repo, "v1.0"))?.digest).toBe(a.manifestDigest);
    const indexed = await api.call("getTag", owner.tokens.read, {
      params: { namespace: owner.username, name, tag: "v1.0" },
    });
    expect(indexed.body.digest).toBe(a.manifestDigest);
    // The same image again is fine; a tag no rule matches moves freely.
    expect((await push(a, repo, "v1.0")).digest).toBe(a.manifestDigest);
    expect((await push(b, repo, "latest")).digest).toBe(b.manifestDigest);
    expect((await push(a, repo, "latest")).digest).toBe(a.manifestDigest);

    // The registry API through the door: the refusal and its message, by tag and by digest.
    const token = await fetchRegistryToken(c.url, [`repository:${repo}:pull,push,delete`], owner);
    const put = await fetch(`${c.url}/v2/${repo}/manifests/v1.0`, {
      method: "PUT",
      headers: { authorization: `Bearer ${token}`, "content-type": b.manifest.mediaType },
      body: new Uint8Array(b.manifestBytes),
    });
    expect(put.status).toBe(403);
    expect(await put.json()).toEqual({ errors: [{ code: "DENIED", message }] });
    for (const ref of ["v1.0", a.manifestDigest]) {
      const del = await fetch(`${c.url}/v2/${repo}/manifests/${ref}`, {
        method: "DELETE",
        headers: { authorization: `Bearer ${token}` },
      });
      expect(del.status, ref).toBe(403);
      const body = (await del.json()) as { errors: { code: string; message: string }[] };
      expect(body.errors[0]!.code).toBe("DENIED");
      expect(body.errors[0]!.message, ref).toBe(
        `tag v1.0 of ${repo} is immutable (rule: repositories "**", tags "v*") and cannot be deleted`,
      );
    }
    // Without a token naming the repository: the registry's own answer, which tells nothing.
    const anonymous = await fetch(`${c.url}/v2/${repo}/manifests/v1.0`, { method: "DELETE" });
    expect(anonymous.status).toBe(401);

    // The console's tag deletion refuses too and deletes nothing.
    const apiDelete = await api.call("deleteTag", owner.tokens.read_write_delete, {
      params: { namespace: owner.username, name, tag: "v1.0" },
    });
    expect(apiDelete.status).toBe(400);
    expect(apiDelete.body.error.message).toContain(`tag v1.0 of ${repo} is immutable`);
    expect((await getRegistryClient().headManifest(repo, "v1.0"))?.digest).toBe(a.manifestDigest);

    // The docker CLI prints the door's message.
    const login = await d.docker(["login", c.registryHost, "-u", owner.username, "--password-stdin"], {
      input: owner.tokens.read_write,
    });
    expect(login.stdout + login.stderr).toContain("Login Succeeded");
    const base = await d.ensureBaseImage();
    await d.docker(["tag", base, `${c.registryHost}/${repo}:v1.0`]);
    const refused = await d.docker(["push", `${c.registryHost}/${repo}:v1.0`]);
    expect(refused.code).not.toBe(0);
    expect(refused.stdout + refused.stderr).toContain(`denied: ${message}`);
    expect((await getRegistryClient().headManifest(repo, "v1.0"))?.digest).toBe(a.manifestDigest);

    // Once the rule is gone, the tag moves (every console hears of it through the database).
    expect(
      (
        await api.call("deleteImmutableTagRule", owner.tokens.read_write, {
          params: { namespace: owner.username, id: rule.body.id },
        })
      ).status,
    ).toBe(204);
    await expect
      .poll(async () => (await push(b, repo, "v1.0").catch(() => ({ digest: "refused" }))).digest, {
        timeout: 5000,
        interval: 100,
      })
      .toBe(b.manifestDigest);
    const docker = await d.docker(["push", `${c.registryHost}/${repo}:v1.0`]);
    expect(docker.code, docker.stderr).toBe(0);
  });
});
