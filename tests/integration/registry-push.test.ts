import { describe, expect, inject, it } from "vitest";
import { RegistryClient } from "@/lib/registry/client";
import { mintRegistryToken } from "@/lib/registry/token-signer";
import { waitForRows } from "@/tests/helpers/db";
import { uniqueName } from "@/tests/helpers/factory";
import { buildImage, buildMultiPlatformImage, inspectRaw, pushImage, skopeoRun } from "@/tests/helpers/oci-image";

const c = inject("console");

function consoleClient() {
  return new RegistryClient({
    baseUrl: c.registryUrl,
    timeoutMs: 5000,
    authorize: (access) => mintRegistryToken("_console", access, 60).token,
  });
}

type EventRow = {
  id: string;
  action: string;
  repository: string;
  tag: string | null;
  digest: string | null;
  actor: string | null;
  media_type: string | null;
  request_method: string | null;
};

describe("push through the real registry", () => {
  it("the operator pushes with skopeo, the push event is stored and the tag lists back", async () => {
    const repository = `${c.admin.username}/${uniqueName("push")}`;
    const image = await buildImage({ ref: "latest", layers: [{ files: { "hello.txt": `hello ${repository}` } }] });
    await pushImage(image, {
      registry: c.registryHost,
      repository,
      tag: "1.0",
      username: c.admin.username,
      password: c.admin.password,
    });

    const rows = await waitForRows<EventRow>(
      c.databaseUrl,
      "select * from registry_events where repository = $1 and action = 'push'",
      [repository],
      (r) => r.length > 1,
    );
    // One recorded by the front door before skopeo heard 201, one from the registry's notification.
    expect(rows.map((r) => (r.id.startsWith("door-") ? "door" : "registry")).sort()).toEqual(["door", "registry"]);
    for (const row of rows)
      expect(row).toMatchObject({
        tag: "1.0",
        digest: image.manifestDigest,
        actor: c.admin.username,
        media_type: "application/vnd.oci.image.manifest.v1+json",
        request_method: "PUT",
      });

    const tags = await consoleClient().tags(repository);
    expect(tags).toEqual({ name: repository, tags: ["1.0"], next: null });
    // The catalog pages with a Link header; walk it one repository at a time until ours shows up.
    const seen: string[] = [];
    let last: string | undefined;
    for (let i = 0; i < 200; i++) {
      const page = await consoleClient().catalog({ n: 1, last });
      seen.push(...page.repositories);
      if (!page.next) break;
      expect(page.repositories).toHaveLength(1);
      last = page.next;
    }
    expect(seen).toContain(repository);
    const raw = await inspectRaw({
      registry: c.registryHost,
      repository,
      tag: "1.0",
      username: c.admin.username,
      password: c.admin.password,
    });
    expect(JSON.parse(raw)).toEqual(image.manifest);
  });

  it("pushes a two-platform index with --all", async () => {
    const repository = `${c.admin.username}/${uniqueName("multi")}`;
    const image = await buildMultiPlatformImage({ ref: "latest" });
    await pushImage(image, {
      registry: c.registryHost,
      repository,
      tag: "multi",
      username: c.admin.username,
      password: c.admin.password,
      all: true,
    });
    const rows = await waitForRows<EventRow>(
      c.databaseUrl,
      "select * from registry_events where repository = $1 and action = 'push' and tag = 'multi'",
      [repository],
      (r) => r.length > 0,
    );
    expect(rows[0]?.digest).toBe(image.indexDigest);
    expect(rows[0]?.media_type).toBe("application/vnd.oci.image.index.v1+json");
    expect((await consoleClient().allTags(repository)).sort()).toEqual(["multi"]);
  });

  it("refuses anonymous and wrong-password pushes", async () => {
    const repository = `${c.admin.username}/${uniqueName("denied")}`;
    const image = await buildImage({ ref: "latest" });
    const dest = `docker://${c.registryHost}/${repository}:1.0`;
    const anonymous = await skopeoRun([
      "copy",
      "--dest-tls-verify=false",
      "--dest-no-creds",
      `oci:${image.dir}:${image.ref}`,
      dest,
    ]);
    expect(anonymous.code).not.toBe(0);
    expect(anonymous.stderr).toMatch(/denied|unauthorized/i);
    const wrong = await skopeoRun([
      "copy",
      "--dest-tls-verify=false",
      "--dest-creds",
      `${c.admin.username}:wrong-password`,
      `oci:${image.dir}:${image.ref}`,
      dest,
    ]);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toMatch(/incorrect username or password|unauthorized/i);
    await expect(consoleClient().tags(repository)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("token endpoint", () => {
  const tokenUrl = (params: Record<string, string | string[]>) => {
    const u = new URL("/api/registry/token", c.url);
    for (const [k, v] of Object.entries(params)) for (const x of [v].flat()) u.searchParams.append(k, x);
    return u;
  };
  const basic = (u: string, p: string) => `Basic ${Buffer.from(`${u}:${p}`).toString("base64")}`;
  const claims = (token: string) => JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString("utf8"));

  it("gives anonymous callers a token with no access", async () => {
    const res = await fetch(tokenUrl({ service: "registry-console", scope: "repository:operator/x:pull,push" }));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.token).toBe(body.access_token);
    expect(body.expires_in).toBeGreaterThan(0);
    expect(claims(body.token).access).toEqual([]);
  });

  it("grants the operator what was asked, never the catalog", async () => {
    const res = await fetch(
      tokenUrl({
        service: "registry-console",
        scope: ["repository:operator/x:pull,push,delete", "registry:catalog:*"],
      }),
      {
        headers: { Authorization: basic(c.admin.username, c.admin.password) },
      },
    );
    expect(res.status).toBe(200);
    expect(claims((await res.json()).token).access).toEqual([
      { type: "repository", name: "operator/x", actions: ["pull", "push", "delete"] },
    ]);
  });

  it("answers a wrong password with 401 and an error code, and an unknown service with 400", async () => {
    const res = await fetch(tokenUrl({ service: "registry-console" }), {
      headers: { Authorization: basic(c.admin.username, "nope") },
    });
    expect(res.status).toBe(401);
    expect((await res.json()).errors[0]).toMatchObject({
      code: "UNAUTHORIZED",
      message: "Incorrect username or password.",
    });
    const bad = await fetch(tokenUrl({ service: "other" }));
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe("VALIDATION_FAILED");
  });

  it("supports the OAuth2 password grant docker uses on login", async () => {
    const res = await fetch(new URL("/api/registry/token", c.url), {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "password",
        service: "registry-console",
        client_id: "docker",
        username: c.admin.username,
        password: c.admin.password,
        scope: "repository:operator/y:pull",
      }),
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.scope).toBe("repository:operator/y:pull");
    expect(claims(body.access_token).sub).toBe(c.admin.username);
  });
});
