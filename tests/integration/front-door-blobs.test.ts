import crypto from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ask, countingDoor, sameAnswer, sha256, uploadBlob, type CountingDoor } from "@/tests/helpers/door-compare";
import { uniqueName } from "@/tests/helpers/factory";
import { fetchRegistryToken } from "@/tests/helpers/registry-token";

/**
 * The console's door answers blob GETs and HEADs from the registry's storage itself
 * (lib/front-door/blob-from-storage.ts). A client must not tell that from the registry: every
 * request here goes both through the door and straight to the registry, and the two answers must
 * have the same status, body and headers.
 */
const c = inject("console");
const storageDir = path.join(c.dataDir, "registry", "storage");
const repo = `${c.admin.username}/${uniqueName("blobs")}`;
const other = `${c.admin.username}/${uniqueName("blobs")}`;
const layer = crypto.randomBytes(3 * 1024 * 1024 + 17);
const small = Buffer.from('{"architecture":"amd64","os":"linux"}');
const empty = Buffer.alloc(0);
const elsewhere = crypto.randomBytes(1000);
let token: string;
let otherToken: string;

beforeAll(async () => {
  token = await fetchRegistryToken(c.url, [`repository:${repo}:pull,push,delete`], c.admin);
  otherToken = await fetchRegistryToken(c.url, [`repository:${other}:pull,push`], c.admin);
  for (const b of [layer, small, empty]) await upload(repo, token, b);
  await upload(other, otherToken, elsewhere);
});

const same = (method: string, target: string, headers: Record<string, string> = {}) =>
  sameAnswer(c.url, c.registryUrl, method, target, headers);
const upload = (repository: string, tok: string, blob: Buffer) => uploadBlob(c.registryUrl, repository, tok, blob);

describe("blob downloads through the door answer exactly as the registry does", () => {
  it("whole blobs, HEAD, empty and small blobs", async () => {
    const auth = { authorization: `Bearer ${token}` };
    const whole = await same("GET", `/v2/${repo}/blobs/${sha256(layer)}`, auth);
    expect([whole.status, whole.whole, whole.body.equals(layer)]).toEqual([200, true, true]);
    expect(whole.headers).toMatchObject({
      "content-type": "application/octet-stream",
      "content-length": String(layer.length),
      "docker-content-digest": sha256(layer),
      etag: `"${sha256(layer)}"`,
      "accept-ranges": "bytes",
      "cache-control": "max-age=31536000",
    });
    expect((await same("HEAD", `/v2/${repo}/blobs/${sha256(layer)}`, auth)).status).toBe(200);
    for (const b of [small, empty]) {
      expect((await same("GET", `/v2/${repo}/blobs/${sha256(b)}`, auth)).body.equals(b)).toBe(true);
      await same("HEAD", `/v2/${repo}/blobs/${sha256(b)}`, auth);
    }
  });

  it("byte ranges: served ones, clamped ones, and those the registry refuses or answers in parts", async () => {
    const target = `/v2/${repo}/blobs/${sha256(layer)}`;
    const size = layer.length;
    for (const range of [
      "bytes=0-99",
      "bytes=100-",
      "bytes=-100",
      "bytes=5-5",
      `bytes=${size - 1}-`,
      "bytes=1000-999999999",
      "bytes=-999999999",
      "bytes=0-",
      "bytes=007-010",
      // Not served by the door: the registry answers these (416, or the whole blob).
      `bytes=${size}-`,
      "bytes=10-5",
      "bytes=-0",
      "bytes=x",
      "bytes= 0-9",
      "items=0-9",
      "",
    ]) {
      const got = await same("GET", target, { authorization: `Bearer ${token}`, range });
      if (got.status === 206) {
        const [, from, to] = /^bytes (\d+)-(\d+)\/\d+$/.exec(got.headers["content-range"]!)!.map(Number);
        expect(got.body.equals(layer.subarray(from, to! + 1)), range).toBe(true);
      }
      await same("HEAD", target, { authorization: `Bearer ${token}`, range });
    }
    // Several ranges: multipart with a random boundary, so only the status and type compare.
    const parts = { authorization: `Bearer ${token}`, range: "bytes=0-1,5-6" };
    const [door, direct] = [await ask(c.url, "GET", target, parts), await ask(c.registryUrl, "GET", target, parts)];
    expect([door.status, door.headers["content-type"]?.split(";")[0]]).toEqual([
      direct.status,
      direct.headers["content-type"]?.split(";")[0],
    ]);
    // Range on an empty blob: nothing overlaps it.
    await same("GET", `/v2/${repo}/blobs/${sha256(empty)}`, { authorization: `Bearer ${token}`, range: "bytes=0-" });
  });

  it("conditional requests, unknown digests, other repositories' blobs, no token, and a deleted blob", async () => {
    const target = `/v2/${repo}/blobs/${sha256(layer)}`;
    const auth = { authorization: `Bearer ${token}` };
    expect((await same("GET", target, { ...auth, "if-none-match": `"${sha256(layer)}"` })).status).toBe(304);
    // A failed If-Match: the registry declares the blob's length and sends no body (Go's 412 after
    // blobserver.go set Content-Length), a broken answer either way; relayed as before this door
    // answered blobs, the client sees it cut short or the connection closed.
    const ifMatch = { ...auth, "if-match": '"sha256:0"' };
    expect(await ask(c.registryUrl, "GET", target, ifMatch)).toMatchObject({ status: 412, whole: false });
    const relayed = await ask(c.url, "GET", target, ifMatch);
    expect([[0, 412].includes(relayed.status), relayed.whole]).toEqual([true, false]);
    await same("GET", target, { ...auth, range: "bytes=0-9", "if-range": `"${sha256(layer)}"` });
    const unknown = `sha256:${"0".repeat(64)}`;
    expect((await same("GET", `/v2/${repo}/blobs/${unknown}`, auth)).status).toBe(404);
    await same("HEAD", `/v2/${repo}/blobs/${unknown}`, auth);
    // Stored in the registry, but for another repository, and never mounted here.
    expect((await same("GET", `/v2/${repo}/blobs/${sha256(elsewhere)}`, auth)).status).toBe(404);
    await same("HEAD", `/v2/${repo}/blobs/${sha256(elsewhere)}`, auth);
    // No token, and a token for another repository: the registry's own challenge.
    expect((await same("GET", target)).status).toBe(401);
    await same("HEAD", target);
    expect((await same("GET", target, { authorization: `Bearer ${otherToken}` })).status).toBe(401);
    await same("GET", target, { authorization: "Bearer not.a.token" });
    // Another digest algorithm (relayed): what the registry says about it.
    await same("GET", `/v2/${repo}/blobs/sha512:${"0".repeat(128)}`, auth);

    const deleted = await upload(repo, token, crypto.randomBytes(5000));
    expect((await same("GET", `/v2/${repo}/blobs/${deleted}`, auth)).status).toBe(200);
    const del = await fetch(`${c.url}/v2/${repo}/blobs/${deleted}`, { method: "DELETE", headers: auth });
    expect(del.status).toBe(202);
    expect((await same("GET", `/v2/${repo}/blobs/${deleted}`, auth)).status).toBe(404);
  });

  it("a blob mounted from another repository is served in both", async () => {
    const mountedInto = `${c.admin.username}/${uniqueName("blobs")}`;
    const both = await fetchRegistryToken(
      c.url,
      [`repository:${mountedInto}:pull,push`, `repository:${repo}:pull`],
      c.admin,
    );
    const mount = await fetch(`${c.url}/v2/${mountedInto}/blobs/uploads/?mount=${sha256(layer)}&from=${repo}`, {
      method: "POST",
      headers: { authorization: `Bearer ${both}` },
    });
    expect(mount.status).toBe(201);
    const got = await same("GET", `/v2/${mountedInto}/blobs/${sha256(layer)}`, { authorization: `Bearer ${both}` });
    expect(got.body.equals(layer)).toBe(true);
  });
});

describe("which requests the door answers from storage", () => {
  let door: CountingDoor;
  beforeAll(async () => void (door = await countingDoor(c.registryUrl, storageDir)));
  afterAll(() => door.close());

  it("a pull-scoped client's blob from storage, with no registry request; anything else through the registry", async () => {
    const { url } = door;
    const auth = { authorization: `Bearer ${token}` };
    const target = `/v2/${repo}/blobs/${sha256(layer)}`;
    const whole = await ask(url, "GET", target, auth);
    expect([whole.status, whole.body.equals(layer)]).toEqual([200, true]);
    expect((await ask(url, "HEAD", target, auth)).status).toBe(200);
    expect((await ask(url, "GET", target, { ...auth, range: "bytes=10-19" })).status).toBe(206);
    expect(door.relayed()).toBe(0);
    expect((await ask(url, "GET", target)).status).toBe(401);
    expect((await ask(url, "GET", `/v2/${repo}/blobs/${sha256(elsewhere)}`, auth)).status).toBe(404);
    expect((await ask(url, "GET", target, { ...auth, range: `bytes=${layer.length}-` })).status).toBe(416);
    expect(door.relayed()).toBe(3);
  });
});
