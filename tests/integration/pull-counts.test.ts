import crypto from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { createUser } from "@/lib/services/user/create";
import { uniqueName } from "@/tests/helpers/factory";
import { buildImage, pushImage, skopeoRun } from "@/tests/helpers/oci-image";

const c = inject("console");
const db = new pg.Pool({ connectionString: c.databaseUrl, max: 2 });
afterAll(() => db.end());

async function pullCount(repository: string): Promise<number> {
  const [ns, name] = repository.split("/");
  const { rows } = await db.query(
    "select r.pull_count from repositories r join namespaces n on n.id = r.namespace_id where n.name = $1 and r.name = $2",
    [ns, name],
  );
  return Number(rows[0]?.pull_count ?? -1);
}

async function waitForCount(repository: string, expected: number) {
  const deadline = Date.now() + 10_000;
  while ((await pullCount(repository)) < expected && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 100));
  // A little longer, so a count that overshoots would be seen.
  await new Promise((r) => setTimeout(r, 500));
  return pullCount(repository);
}

describe("pull counts from the registry's events", () => {
  it("counts each pull by tag once; HEAD requests and replayed events do not count", async () => {
    const username = uniqueName("pc");
    await createUser({ username, email: `${username}@example.test`, password: `pw-${username}` });
    const repository = `${username}/counted`;
    const image = await buildImage({ layers: [{ files: { "c.txt": repository } }] });
    await pushImage(image, { registry: c.registryHost, repository, tag: "1", username, password: `pw-${username}` });
    expect(await pullCount(repository)).toBe(0);

    for (let i = 0; i < 3; i++) {
      const r = await skopeoRun([
        "inspect",
        "--raw",
        "--tls-verify=false",
        "--no-creds",
        `docker://${c.registryHost}/${repository}:1`,
      ]);
      expect(r.code, r.stderr).toBe(0);
    }
    expect(await waitForCount(repository, 3)).toBe(3);

    // A HEAD of the manifest (what `docker pull` does to check for updates) is not a pull.
    const token = await (
      await fetch(`${c.url}/api/registry/token?service=registry-console&scope=repository:${repository}:pull`)
    ).json();
    const head = await fetch(`${c.registryUrl}/v2/${repository}/manifests/1`, {
      method: "HEAD",
      headers: { Authorization: `Bearer ${token.token}`, Accept: "application/vnd.oci.image.manifest.v1+json" },
    });
    expect(head.status).toBe(200);
    expect(await waitForCount(repository, 3)).toBe(3);

    // The registry retries deliveries: the same event id twice counts once.
    const event = {
      id: crypto.randomUUID(),
      timestamp: new Date().toISOString(),
      action: "pull",
      target: {
        mediaType: "application/vnd.oci.image.manifest.v1+json",
        digest: image.manifestDigest,
        size: 100,
        repository,
        tag: "1",
      },
      request: { method: "GET" },
      actor: { name: "" },
    };
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${c.url}/api/registry/events`, {
        method: "POST",
        headers: { Authorization: `Bearer ${c.eventsSecret}` },
        body: JSON.stringify({ events: [event] }),
      });
      expect(res.status).toBe(200);
    }
    // Counted by the roll-up a moment after the answer (and the replay not at all).
    expect(await waitForCount(repository, 4)).toBe(4);
  });
});
