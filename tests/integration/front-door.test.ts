import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { createFrontDoor, MAX_MANIFEST_BYTES, type FrontDoor } from "@/lib/front-door/door";
import { cutOffSlowBodies } from "@/lib/runtime/slow-body";
import { uniqueName } from "@/tests/helpers/factory";
import { fetchRegistryToken } from "@/tests/helpers/registry-token";
import { freePort } from "@/tests/harness/free-port";

const c = inject("console");
const sha256 = (b: Buffer) => `sha256:${crypto.createHash("sha256").update(b).digest("hex")}`;

function registryToken(repository: string, actions = "pull,push", ...more: string[]): Promise<string> {
  return fetchRegistryToken(c.url, [`repository:${repository}:${actions}`, ...more], c.admin);
}

/** A raw request through the console's own address (the front door), no redirects followed. */
function v2(path: string, init: RequestInit & { token?: string } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (init.token) headers.set("authorization", `Bearer ${init.token}`);
  return fetch(`${c.url}${path}`, { ...init, headers, redirect: "manual" });
}

async function errorCode(res: Response): Promise<string> {
  return ((await res.json()) as { errors: { code: string }[] }).errors[0]!.code;
}

describe("the front door passes the distribution API through unchanged", () => {
  it("answers /v2/ with the registry's challenge, naming the console's token service", async () => {
    const res = await v2("/v2/");
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toContain(`realm="${c.url}/api/registry/token"`);
    expect(res.headers.get("docker-distribution-api-version")).toBe("registry/2.0");
    expect(await errorCode(res)).toBe("UNAUTHORIZED");
  });

  it("monolithic and chunked uploads, HEAD, Range, a cross-repository mount and a manifest, with public Locations", async () => {
    const repo = `${c.admin.username}/${uniqueName("door")}`;
    const token = await registryToken(repo);

    // Monolithic: POST for a session, then one PUT with the digest and the whole body.
    const config = Buffer.from(
      JSON.stringify({ architecture: "amd64", os: "linux", rootfs: { type: "layers", diff_ids: [] } }),
    );
    const session = await v2(`/v2/${repo}/blobs/uploads/`, { method: "POST", token });
    expect(session.status).toBe(202);
    const monoUrl = new URL(session.headers.get("location")!, c.url);
    monoUrl.searchParams.set("digest", sha256(config));
    const mono = await fetch(monoUrl, {
      method: "PUT",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/octet-stream" },
      body: config,
    });
    expect(mono.status).toBe(201);
    expect(mono.headers.get("docker-content-digest")).toBe(sha256(config));

    // Chunked: POST, two PATCHes with Content-Range, PUT with the digest. Every Location stays on the door.
    const layer = crypto.randomBytes(300_000);
    const start = await v2(`/v2/${repo}/blobs/uploads/`, { method: "POST", token });
    expect(start.status).toBe(202);
    let location = start.headers.get("location")!;
    const onDoor = (l: string) => new URL(l, c.url).origin === c.url;
    expect(onDoor(location)).toBe(true);
    for (const [from, to] of [
      [0, 100_000],
      [100_000, layer.length],
    ] as const) {
      const patch = await fetch(new URL(location, c.url), {
        method: "PATCH",
        headers: {
          authorization: `Bearer ${token}`,
          "content-type": "application/octet-stream",
          "content-range": `${from}-${to - 1}`,
        },
        body: layer.subarray(from, to),
      });
      expect(patch.status).toBe(202);
      expect(patch.headers.get("range")).toBe(`0-${to - 1}`);
      location = patch.headers.get("location")!;
      expect(onDoor(location)).toBe(true);
    }
    const done = new URL(location, c.url);
    done.searchParams.set("digest", sha256(layer));
    const put = await fetch(done, { method: "PUT", headers: { authorization: `Bearer ${token}` } });
    expect(put.status).toBe(201);
    expect(onDoor(put.headers.get("location")!)).toBe(true);

    const head = await v2(`/v2/${repo}/blobs/${sha256(layer)}`, { method: "HEAD", token });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-length")).toBe(String(layer.length));
    expect(head.headers.get("docker-content-digest")).toBe(sha256(layer));
    const range = await v2(`/v2/${repo}/blobs/${sha256(layer)}`, { token, headers: { range: "bytes=1000-1999" } });
    expect(range.status).toBe(206);
    expect(Buffer.from(await range.arrayBuffer()).equals(layer.subarray(1000, 2000))).toBe(true);

    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: "application/vnd.oci.image.manifest.v1+json",
        config: { mediaType: "application/vnd.oci.image.config.v1+json", digest: sha256(config), size: config.length },
        layers: [{ mediaType: "application/vnd.oci.image.layer.v1.tar", digest: sha256(layer), size: layer.length }],
      }),
    );
    const putManifest = await v2(`/v2/${repo}/manifests/1.0`, {
      method: "PUT",
      token,
      body: manifest,
      headers: { "content-type": "application/vnd.oci.image.manifest.v1+json" },
    });
    expect(putManifest.status).toBe(201);
    expect(putManifest.headers.get("docker-content-digest")).toBe(sha256(manifest));
    const got = await v2(`/v2/${repo}/manifests/1.0`, {
      token,
      headers: { accept: "application/vnd.oci.image.manifest.v1+json" },
    });
    expect(got.status).toBe(200);
    expect(Buffer.from(await got.arrayBuffer()).equals(manifest)).toBe(true);

    // Mount the layer into a second repository without sending it again.
    const other = `${c.admin.username}/${uniqueName("door")}`;
    const both = await registryToken(other, "pull,push", `repository:${repo}:pull`);
    const mount = await v2(`/v2/${other}/blobs/uploads/?mount=${sha256(layer)}&from=${repo}`, {
      method: "POST",
      token: both,
    });
    expect(mount.status).toBe(201);
    expect(mount.headers.get("docker-content-digest")).toBe(sha256(layer));
  });
});

describe("bad input is answered at the door in the registry's error shape", () => {
  it("malformed names, digests and paths, unknown methods and oversized manifests never reach the registry", async () => {
    const bad = await v2("/v2/Upper/Case/manifests/1.0");
    expect([bad.status, await errorCode(bad)]).toEqual([400, "NAME_INVALID"]);
    const digest = await v2("/v2/a/b/blobs/sha256:not!hex");
    expect([digest.status, await errorCode(digest)]).toEqual([400, "DIGEST_INVALID"]);
    const unknown = await v2("/v2/a/b/no-such-endpoint/x");
    expect([unknown.status, await errorCode(unknown)]).toEqual([404, "UNSUPPORTED"]);
    const method = await v2("/v2/a/b/manifests/1.0", { method: "PATCH" });
    expect([method.status, await errorCode(method)]).toEqual([405, "UNSUPPORTED"]);
    expect(method.headers.get("allow")).toBe("GET, HEAD, PUT, DELETE");
    // Anonymous: had the registry been asked, the answer would be 401.
    const big = await v2("/v2/a/b/manifests/1.0", { method: "PUT", body: Buffer.alloc(MAX_MANIFEST_BYTES + 1, 32) });
    expect([big.status, await errorCode(big)]).toEqual([413, "SIZE_INVALID"]);
  });
});

describe("the door on its own, in front of the test console's registry", () => {
  const servers: http.Server[] = [];
  const relays: net.Server[] = [];
  const doors: FrontDoor[] = [];
  afterAll(async () => {
    // Doors first: their kept-alive registry connections would hold the relays open.
    for (const d of doors) d.close();
    for (const s of servers) {
      s.closeAllConnections();
      await new Promise((r) => s.close(r));
    }
    for (const s of relays) await new Promise((r) => s.close(r));
  });
  async function serveDoor(
    registryUrl: string,
    registryStorageDir?: string,
  ): Promise<{ url: string; door: FrontDoor }> {
    const door = createFrontDoor({ registryUrl, registryStorageDir, trustProxy: false });
    const server = http.createServer((req, res) => void door.serve(req, res));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    servers.push(server);
    doors.push(door);
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, door };
  }

  it("registry down: 503 with a registry error body", async () => {
    const { url } = await serveDoor(`http://127.0.0.1:${await freePort()}`);
    const res = await fetch(`${url}/v2/`);
    expect(res.status).toBe(503);
    expect(await errorCode(res)).toBe("UNAVAILABLE");
  });

  it("a client that leaves mid-download or mid-upload leaves no registry connection open", async () => {
    const { url, door } = await serveDoor(c.registryUrl);
    const repo = `${c.admin.username}/${uniqueName("leave")}`;
    const token = await registryToken(repo);
    const blob = crypto.randomBytes(8 * 1024 * 1024);
    const session = await fetch(`${url}/v2/${repo}/blobs/uploads/`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}` },
    });
    const putUrl = new URL(session.headers.get("location")!, url);
    putUrl.searchParams.set("digest", sha256(blob));
    const up = await fetch(putUrl, {
      method: "PUT",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/octet-stream" },
      body: blob,
    });
    expect(up.status).toBe(201);

    // Download: read the first chunk, then hang up.
    const leaveEarly = (from: string) =>
      new Promise<void>((resolve, reject) => {
        const req = http.get(`${from}/v2/${repo}/blobs/${sha256(blob)}`, {
          headers: { authorization: `Bearer ${token}` },
        });
        req.on("response", (res) =>
          res.once("data", () => {
            req.destroy();
            resolve();
          }),
        );
        req.on("error", reject);
      });
    await leaveEarly(url);
    await expect.poll(() => door.busyUpstreamSockets(), { timeout: 5000 }).toBe(0);
    // The same from a door that answers blobs from the registry's storage: the file is closed too.
    const hex = sha256(blob).slice(7);
    const data = path.join(
      c.dataDir,
      "registry",
      "storage",
      "docker/registry/v2/blobs/sha256",
      hex.slice(0, 2),
      hex,
      "data",
    );
    const openHere = () =>
      fs.readdirSync("/proc/self/fd").filter((fd) => {
        try {
          return fs.readlinkSync(`/proc/self/fd/${fd}`) === data;
        } catch {
          return false; // closed meanwhile
        }
      }).length;
    const fromStorage = await serveDoor(c.registryUrl, path.join(c.dataDir, "registry", "storage"));
    const reading = leaveEarly(fromStorage.url);
    await expect.poll(openHere, { timeout: 5000, interval: 1 }).toBe(1);
    await reading;
    await expect.poll(openHere, { timeout: 5000 }).toBe(0);
    expect(fromStorage.door.busyUpstreamSockets()).toBe(0);

    // Upload: start a chunk, send part of it, hang up.
    const start = await fetch(`${url}/v2/${repo}/blobs/uploads/`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}` },
    });
    const req = http.request(new URL(start.headers.get("location")!, url), {
      method: "PATCH",
      headers: {
        authorization: `Bearer ${token}`,
        "content-type": "application/octet-stream",
        "content-length": "1000000",
      },
    });
    req.on("error", () => {});
    req.write(Buffer.alloc(100_000));
    await expect.poll(() => door.busyUpstreamSockets(), { timeout: 5000 }).toBeGreaterThan(0);
    req.destroy();
    await expect.poll(() => door.busyUpstreamSockets(), { timeout: 5000 }).toBe(0);
  });

  it("a registry connection that breaks mid-answer or mid-upload: the client's request is cut too, never answered whole", async () => {
    // The real registry behind a TCP relay that breaks each connection once `limit` bytes have
    // crossed it in the given direction: a network fault, not a stand-in registry.
    const target = new URL(c.registryUrl);
    const breaking = (direction: "down" | "up", limit: number) =>
      net.createServer((client) => {
        const upstream = net.connect(Number(target.port), target.hostname);
        let crossed = 0;
        const relay = (from: net.Socket, to: net.Socket, counted: boolean) =>
          from.on("data", (chunk: Buffer) => {
            to.write(chunk);
            crossed += counted ? chunk.length : 0;
            if (crossed <= limit) return;
            client.destroy();
            upstream.destroy();
          });
        relay(client, upstream, direction === "up");
        relay(upstream, client, direction === "down");
        client.on("error", () => upstream.destroy()).on("close", () => upstream.destroy());
        upstream.on("error", () => client.destroy()).on("close", () => client.destroy());
      });
    const relayed = async (server: net.Server) => {
      await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
      relays.push(server);
      return serveDoor(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    };

    const repo = `${c.admin.username}/${uniqueName("cut")}`;
    const token = await registryToken(repo);
    const blob = crypto.randomBytes(4 * 1024 * 1024);
    const session = await v2(`/v2/${repo}/blobs/uploads/`, { method: "POST", token });
    const putUrl = new URL(session.headers.get("location")!, c.url);
    putUrl.searchParams.set("digest", sha256(blob));
    expect(
      (await fetch(putUrl, { method: "PUT", headers: { authorization: `Bearer ${token}` }, body: blob })).status,
    ).toBe(201);

    const down = await relayed(breaking("down", 200_000));
    const download = await new Promise<string>((resolve) => {
      http
        .get(
          `${down.url}/v2/${repo}/blobs/${sha256(blob)}`,
          { headers: { authorization: `Bearer ${token}` } },
          (res) => {
            let bytes = 0;
            res.on("data", (chunk: Buffer) => (bytes += chunk.length));
            res.on("error", () => {});
            res.on("close", () => resolve(`${res.complete ? "whole" : "cut"} after ${bytes} bytes`));
          },
        )
        .on("error", (err) => resolve(`error ${(err as NodeJS.ErrnoException).code}`));
    });
    expect(download).toMatch(/^cut after \d+ bytes$/);
    expect(Number(/\d+/.exec(download)![0])).toBeLessThan(blob.length);
    await expect.poll(() => down.door.busyUpstreamSockets(), { timeout: 5000 }).toBe(0);

    const up = await relayed(breaking("up", 200_000));
    const start = await fetch(`${up.url}/v2/${repo}/blobs/uploads/`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}` },
    });
    expect(start.status).toBe(202);
    const upload = await new Promise<string>((resolve) => {
      const req = http.request(new URL(start.headers.get("location")!, up.url), {
        method: "PATCH",
        headers: {
          authorization: `Bearer ${token}`,
          "content-type": "application/octet-stream",
          "content-length": String(blob.length),
        },
      });
      req.on("response", (res) => resolve(`answered ${res.statusCode}`));
      req.on("error", (err) => resolve(`error ${(err as NodeJS.ErrnoException).code}`));
      req.end(blob);
    });
    // The door answers 503 if it still can, or hangs up; it never reports the upload as accepted.
    expect(upload).toMatch(/^(answered 503|error (ECONNRESET|EPIPE))$/);
    await expect.poll(() => up.door.busyUpstreamSockets(), { timeout: 5000 }).toBe(0);
  });

  it("a registry that stalls: the client's timeout wins, and no connection to the registry is left open", async () => {
    // The real registry behind a relay that passes requests up but holds every answer back.
    const target = new URL(c.registryUrl);
    const upstreams = new Set<net.Socket>();
    const stalling = net.createServer((client) => {
      const upstream = net.connect(Number(target.port), target.hostname);
      upstreams.add(upstream);
      client.on("data", (chunk: Buffer) => upstream.write(chunk));
      client.on("error", () => upstream.destroy()).on("close", () => upstream.destroy());
      upstream.on("error", () => client.destroy()).on("close", () => (upstreams.delete(upstream), client.destroy()));
    });
    await new Promise<void>((r) => stalling.listen(0, "127.0.0.1", r));
    relays.push(stalling);
    const { url, door } = await serveDoor(`http://127.0.0.1:${(stalling.address() as AddressInfo).port}`);
    const repo = `${c.admin.username}/${uniqueName("stall")}`;
    const token = await registryToken(repo);
    const open = () => new Promise<number>((r) => stalling.getConnections((_err, n) => r(n)));

    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        fetch(`${url}/v2/${repo}/manifests/t${i}`, {
          headers: { authorization: `Bearer ${token}` },
          signal: AbortSignal.timeout(500),
        }).then(
          (r) => `answered ${r.status}`,
          (err: Error) => err.name,
        ),
      ),
    );
    expect(new Set(outcomes)).toEqual(new Set(["TimeoutError"]));
    expect(await open()).toBeGreaterThan(0);
    // The clients gave up: the door closed every connection it had open towards the registry (its
    // agent's sockets, the relay's accepted connections and the relay's own to the registry).
    await expect.poll(() => door.busyUpstreamSockets(), { timeout: 5000 }).toBe(0);
    await expect.poll(open, { timeout: 5000 }).toBe(0);
    await expect.poll(() => upstreams.size, { timeout: 5000 }).toBe(0);
  });

  it("a body that trickles slower than 10 bytes per 400 ms window is cut off; one that keeps pace is not", async () => {
    // The console's server applies the same check to every request (scripts/web-server.ts).
    const server = http.createServer((req, res) => {
      cutOffSlowBodies(req, { windowMs: 400, minBytes: 10 });
      req.resume().once("end", () => res.end("whole body read"));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    servers.push(server);
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const send = (bytesPerTick: number, ticks: number) =>
      new Promise<string>((resolve) => {
        const req = http.request(url, { method: "PUT", headers: { "content-length": String(bytesPerTick * ticks) } });
        req.on("response", (res) => resolve(`answered ${res.statusCode}`));
        req.on("error", (err) => resolve(`cut: ${(err as NodeJS.ErrnoException).code}`));
        let sent = 0;
        const timer = setInterval(() => {
          req.write("x".repeat(bytesPerTick));
          if (++sent < ticks) return;
          clearInterval(timer);
          req.end();
        }, 100);
        req.on("close", () => clearInterval(timer));
      });
    // 1 byte per 100 ms (4 per window) is too slow; 5 per 100 ms (20 per window) keeps pace for 1.5 s.
    expect(await send(1, 30)).toMatch(/^cut: (ECONNRESET|EPIPE)/);
    expect(await send(5, 15)).toBe("answered 200");
  });
});
