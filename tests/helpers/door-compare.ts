import crypto from "node:crypto";
import http from "node:http";
import net, { type AddressInfo } from "node:net";
import { expect } from "vitest";
import { createFrontDoor, type FrontDoor } from "@/lib/front-door/door";

/**
 * For tests that hold the front door's own answers (blobs and manifests read from the registry's
 * storage) against the registry's: raw requests to either, and a door whose requests to the
 * registry are counted.
 */
export const sha256 = (b: Buffer) => `sha256:${crypto.createHash("sha256").update(b).digest("hex")}`;

// Per connection, or the server's own, so never the same on two answers.
const NOT_COMPARED = new Set(["date", "connection", "keep-alive", "transfer-encoding"]);

export type Answer = { status: number; headers: Record<string, string>; body: Buffer; whole: boolean };

/** One request, read raw (no decoding, no redirects), to the door or the registry. */
export function ask(
  base: string,
  method: string,
  target: string,
  headers: Record<string, string> = {},
  body?: Buffer,
): Promise<Answer> {
  return new Promise((resolve) => {
    const req = http.request(new URL(target, base), { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("error", () => {});
      res.on("close", () => {
        const kept = Object.entries(res.headers).filter(([k]) => !NOT_COMPARED.has(k));
        resolve({
          status: res.statusCode!,
          headers: Object.fromEntries(kept.map(([k, v]) => [k, String(v)])),
          body: Buffer.concat(chunks),
          whole: res.complete,
        });
      });
    });
    // A hang-up before any answer is an answer too (the door must hang up where the registry does).
    req.on("error", (err) =>
      resolve({ status: 0, headers: { error: String(err) }, body: Buffer.alloc(0), whole: false }),
    );
    req.end(body);
  });
}

/** The same request through `door` and to `registry`; the door's answer, once both were found equal. */
export async function sameAnswer(
  door: string,
  registry: string,
  method: string,
  target: string,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const [viaDoor, direct] = [await ask(door, method, target, headers), await ask(registry, method, target, headers)];
  expect({ ...viaDoor, body: sha256(viaDoor.body) }, `${method} ${target} ${JSON.stringify(headers)}`).toEqual({
    ...direct,
    body: sha256(direct.body),
  });
  return viaDoor;
}

/** A monolithic blob upload straight to the registry; the blob's digest. */
export async function uploadBlob(registryUrl: string, repo: string, token: string, blob: Buffer): Promise<string> {
  const auth = { authorization: `Bearer ${token}` };
  const session = await fetch(`${registryUrl}/v2/${repo}/blobs/uploads/`, { method: "POST", headers: auth });
  expect(session.status).toBe(202);
  const put = new URL(session.headers.get("location")!, registryUrl);
  put.searchParams.set("digest", sha256(blob));
  const res = await fetch(put, { method: "PUT", headers: auth, body: new Uint8Array(blob) });
  expect(res.status).toBe(201);
  return sha256(blob);
}

export type CountingDoor = { url: string; door: FrontDoor; relayed: () => number; close: () => Promise<void> };

/**
 * A front door of the test's own, on the real registry and its storage, with a TCP relay between
 * them that counts the GET and HEAD requests the door sends the registry (a request's head arrives
 * in one piece: it is small).
 */
export async function countingDoor(registryUrl: string, storageDir: string): Promise<CountingDoor> {
  let relayed = 0;
  const target = new URL(registryUrl);
  const relay = net.createServer((client) => {
    const upstream = net.connect(Number(target.port), target.hostname);
    client.on(
      "data",
      (chunk: Buffer) => (relayed += chunk.toString("latin1").match(/^(GET|HEAD) \/v2\//gm)?.length ?? 0),
    );
    client.pipe(upstream).pipe(client);
    client.on("error", () => upstream.destroy()).on("close", () => upstream.destroy());
    upstream.on("error", () => client.destroy()).on("close", () => client.destroy());
  });
  await new Promise<void>((r) => relay.listen(0, "127.0.0.1", r));
  const relayUrl = `http://127.0.0.1:${(relay.address() as AddressInfo).port}`;
  const door = createFrontDoor({ registryUrl: relayUrl, registryStorageDir: storageDir, trustProxy: false });
  const server = http.createServer((req, res) => void door.serve(req, res));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    door,
    relayed: () => relayed,
    close: async () => {
      door.close();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await new Promise((r) => relay.close(r));
    },
  };
}
