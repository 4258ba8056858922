import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RegistryClient } from "@/lib/registry/client";
import { freePort } from "@/tests/harness/free-port";

// A stand-in HTTP server that answers like a registry does on errors; the real registry is
// exercised by the integration tests. These cases (5xx, unknown codes) are hard to provoke there.
let server: http.Server;
let base: string;
beforeAll(async () => {
  server = http.createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "Content-Type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (req.url?.startsWith("/v2/missing/"))
      return send(404, { errors: [{ code: "NAME_UNKNOWN", message: "repository name not known to registry" }] });
    if (req.url?.startsWith("/v2/denied/"))
      return send(401, { errors: [{ code: "UNAUTHORIZED", message: "authentication required" }] });
    if (req.url?.startsWith("/v2/odd/")) return send(400, { errors: [{ code: "TAG_WHATEVER", message: "odd" }] });
    if (req.url?.startsWith("/v2/broken/")) return send(500, "boom");
    if (req.url?.startsWith("/v2/slow/")) return; // never answers
    send(200, { name: "ok/repo", tags: ["b", "a"] });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const client = (baseUrl = base, timeoutMs = 2000) => new RegistryClient({ baseUrl, timeoutMs, authorize: () => "t" });

describe("RegistryClient errors", () => {
  it("maps registry error bodies to typed errors", async () => {
    await expect(client().tags("missing/repo")).rejects.toMatchObject({
      code: "NOT_FOUND",
      details: { registryCode: "NAME_UNKNOWN" },
    });
    await expect(client().tags("denied/repo")).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(client().tags("odd/repo")).rejects.toMatchObject({ code: "REGISTRY_ERROR", message: "odd" });
    await expect(client().tags("broken/repo")).rejects.toMatchObject({ code: "REGISTRY_UNAVAILABLE" });
  });
  it("treats refused connections and timeouts as unavailable", async () => {
    await expect(client(`http://127.0.0.1:${await freePort()}`).ping()).rejects.toMatchObject({
      code: "REGISTRY_UNAVAILABLE",
    });
    await expect(client(base, 200).tags("slow/repo")).rejects.toMatchObject({ code: "REGISTRY_UNAVAILABLE" });
  });
  it("returns tags with no next page when there is no Link header", async () => {
    expect(await client().tags("ok/repo")).toEqual({ name: "ok/repo", tags: ["b", "a"], next: null });
  });
});
