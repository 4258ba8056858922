import crypto from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { mintRegistryToken } from "@/lib/registry/token-signer";
import { CONSOLE_SUBJECT } from "@/lib/registry/subject";
import { createUser } from "@/lib/services/user/create";
import { uniqueName } from "@/tests/helpers/factory";
import { buildImage, buildMultiPlatformImage, pushImage, skopeoRun } from "@/tests/helpers/oci-image";
import { fetchRegistryToken } from "@/tests/helpers/registry-token";

const c = inject("console");
const db = new pg.Pool({ connectionString: c.databaseUrl, max: 2 });
afterAll(() => db.end());

const OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
const OCI_INDEX = "application/vnd.oci.image.index.v1+json";

/** Counted pulls of a repository: those in the counters plus those queued for them, read in one snapshot. */
async function pullsRecorded(repository: string): Promise<{ total: number; byTag: Record<string, number> }> {
  const [ns, name] = repository.split("/");
  const { rows } = await db.query<{ total: number }>(
    `with r as (select r.id, r.pull_count from repositories r join namespaces n on n.id = r.namespace_id where n.name = $1 and r.name = $2)
     select (select pull_count from r)::int + (select count(*) from registry_pull_queue q where q.repository_id = (select id from r))::int as total`,
    [ns, name],
  );
  const { rows: perTag } = await db.query<{ tag: string; n: number }>(
    `with r as (select r.id from repositories r join namespaces n on n.id = r.namespace_id where n.name = $1 and r.name = $2)
     select tag, sum(n)::int as n from (
       select name as tag, pull_count as n from repository_tags where repository_id = (select id from r)
       union all select tag, count(*) from registry_pull_queue where repository_id = (select id from r) group by tag) x group by tag`,
    [ns, name],
  );
  return { total: rows[0]?.total ?? -1, byTag: Object.fromEntries(perTag.map((r) => [r.tag, r.n])) };
}

async function newPusher() {
  const username = uniqueName("pc");
  const password = `pw-${username}`;
  await createUser({ username, email: `${username}@example.test`, password });
  return { username, password };
}

describe("pull counts at the front door", () => {
  it("counts a GET before the client has it; HEAD, replayed or forged registry events and the console's own reads count nothing", async () => {
    const u = await newPusher();
    const repository = `${u.username}/counted`;
    const image = await buildImage({ layers: [{ files: { "c.txt": repository } }] });
    await pushImage(image, { registry: c.registryHost, repository, tag: "1", ...u });
    expect((await pullsRecorded(repository)).total).toBe(0);

    const token = await fetchRegistryToken(c.url, [`repository:${repository}:pull`], u);
    const auth = { authorization: `Bearer ${token}`, accept: OCI_MANIFEST };
    for (let i = 1; i <= 3; i++) {
      const res = await fetch(`http://${c.registryHost}/v2/${repository}/manifests/1`, { headers: auth });
      expect(res.status).toBe(200);
      await res.arrayBuffer();
      // Recorded before the answer: no waiting for a roll-up or an event.
      expect((await pullsRecorded(repository)).total).toBe(i);
    }

    // A HEAD (docker's "anything new?") is free; so is a manifest that is not there.
    expect(
      (await fetch(`http://${c.registryHost}/v2/${repository}/manifests/1`, { method: "HEAD", headers: auth })).status,
    ).toBe(200);
    expect((await fetch(`http://${c.registryHost}/v2/${repository}/manifests/nope`, { headers: auth })).status).toBe(
      404,
    );

    // The console's own reads through the door are not pulls.
    const own = mintRegistryToken(CONSOLE_SUBJECT, [{ type: "repository", name: repository, actions: ["pull"] }], 60);
    const ownRes = await fetch(`http://${c.registryHost}/v2/${repository}/manifests/1`, {
      headers: { authorization: `Bearer ${own.token}`, accept: OCI_MANIFEST },
    });
    expect(ownRes.status).toBe(200);

    // The registry's pull events (it no longer sends them; a replay or a forgery) count nothing.
    const event = {
      id: crypto.randomUUID(),
      timestamp: new Date().toISOString(),
      action: "pull",
      target: { mediaType: OCI_MANIFEST, digest: image.manifestDigest, size: 100, repository, tag: "1" },
      request: { method: "GET" },
      actor: { name: "" },
    };
    const res = await fetch(`${c.url}/api/registry/events`, {
      method: "POST",
      headers: { Authorization: `Bearer ${c.eventsSecret}` },
      body: JSON.stringify({ events: [event] }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ received: 1, stored: 0 });

    await new Promise((r) => setTimeout(r, 500));
    expect(await pullsRecorded(repository)).toEqual({ total: 3, byTag: { "1": 3 } });
  });

  it("a GET by digest counts for the tag the client resolved it from; a multi-platform pull counts once; an untagged digest counts nothing", async () => {
    const u = await newPusher();
    const repository = `${u.username}/resolved`;
    const creds = { registry: c.registryHost, repository, ...u };
    const image = await buildImage({ layers: [{ files: { r: repository } }] });
    // Two tags on one image: which one a GET by digest counts for depends on the HEAD before it.
    await pushImage(image, { ...creds, tag: "latest" });
    await pushImage(image, { ...creds, tag: "stable" });
    const multi = await buildMultiPlatformImage();
    await pushImage(multi, { ...creds, tag: "multi" });

    const token = await fetchRegistryToken(c.url, [`repository:${repository}:pull`], u);
    const get = (ref: string, method = "GET") =>
      fetch(`http://${c.registryHost}/v2/${repository}/manifests/${ref}`, {
        method,
        headers: { authorization: `Bearer ${token}`, accept: `${OCI_MANIFEST}, ${OCI_INDEX}` },
      });

    // docker's way: HEAD the tag, then GET the digest it answered.
    const head = await get("stable", "HEAD");
    expect(head.status).toBe(200);
    expect(head.headers.get("docker-content-digest")).toBe(image.manifestDigest);
    expect((await get(image.manifestDigest)).status).toBe(200);
    // No HEAD before: `latest` among the tags on that digest.
    expect((await get(image.manifestDigest)).status).toBe(200);

    // A multi-platform pull: the index by tag, then each platform manifest by digest: one pull.
    expect((await get("multi")).status).toBe(200);
    for (const m of multi.index.manifests) expect((await get(m.digest)).status).toBe(200);
    // The same with skopeo (HEAD/GET of the index, then the platform manifests).
    const copied = await skopeoRun([
      "copy",
      "--all",
      "--src-tls-verify=false",
      "--src-creds",
      `${u.username}:${u.password}`,
      `docker://${c.registryHost}/${repository}:multi`,
      `oci:${(await import("node:os")).tmpdir()}/pull-${crypto.randomUUID()}:m`,
    ]);
    expect(copied.code, copied.stderr).toBe(0);

    expect(await pullsRecorded(repository)).toEqual({
      total: 4,
      byTag: { latest: 1, stable: 1, multi: 2 },
    });
  });
});
