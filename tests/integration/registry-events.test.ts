import crypto from "node:crypto";
import { describe, expect, inject, it } from "vitest";
import { waitForRows } from "@/tests/helpers/db";
import { uniqueName } from "@/tests/helpers/factory";

const c = inject("console");
const endpoint = () => new URL("/api/registry/events", c.url);

function envelope(repository: string, id = crypto.randomUUID()) {
  return {
    events: [
      {
        id,
        timestamp: new Date().toISOString(),
        action: "push",
        target: {
          mediaType: "application/vnd.oci.image.manifest.v1+json",
          size: 400,
          digest: `sha256:${"a".repeat(64)}`,
          length: 400,
          repository,
          url: "http://x",
          tag: "1.0",
        },
        request: { id: "r", addr: "127.0.0.1:1", host: "h", method: "PUT", useragent: "skopeo" },
        actor: { name: "operator" },
        source: { addr: "a", instanceID: "i" },
      },
    ],
  };
}

const post = (body: unknown, secret = c.eventsSecret) =>
  fetch(endpoint(), {
    method: "POST",
    headers: {
      Authorization: `Bearer ${secret}`,
      "Content-Type": "application/vnd.docker.distribution.events.v1+json",
    },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

describe("event endpoint", () => {
  it("stores an event once even when the registry replays it", async () => {
    const repository = `operator/${uniqueName("ev")}`;
    const env = envelope(repository);
    const first = await post(env);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ received: 1, stored: 1 });
    const again = await post(env);
    expect(await again.json()).toEqual({ received: 1, stored: 0 });
    const rows = await waitForRows(
      c.databaseUrl,
      "select id from registry_events where repository = $1",
      [repository],
      (r) => r.length > 0,
    );
    expect(rows).toHaveLength(1);
  });

  it("refuses a forged or missing secret and stores nothing", async () => {
    const repository = `operator/${uniqueName("forged")}`;
    expect((await post(envelope(repository), "wrong-secret-wrong-secret")).status).toBe(401);
    const none = await fetch(endpoint(), { method: "POST", body: JSON.stringify(envelope(repository)) });
    expect(none.status).toBe(401);
    expect((await none.json()).error.code).toBe("UNAUTHORIZED");
    const rows = await waitForRows(
      c.databaseUrl,
      "select id from registry_events where repository = $1",
      [repository],
      () => false,
      300,
    );
    expect(rows).toHaveLength(0);
  });

  it("rejects malformed bodies with a stable code", async () => {
    const notJson = await post("{not json");
    expect(notJson.status).toBe(400);
    expect((await notJson.json()).error.code).toBe("MALFORMED_JSON");
    const wrongShape = await post({ events: [{ id: 1 }] });
    expect(wrongShape.status).toBe(400);
    expect((await wrongShape.json()).error.code).toBe("VALIDATION_FAILED");
  });

  it("an event with a NUL in a copied header is stored without it, not refused forever", async () => {
    const repository = `operator/${uniqueName("nul")}`;
    const env = envelope(repository);
    env.events[0]!.request.useragent = "evil\u0000agent";
    const res = await post(env);
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toEqual({ received: 1, stored: 1 });
    const rows = await waitForRows(
      c.databaseUrl,
      "select payload->'request'->>'useragent' as ua from registry_events where repository = $1",
      [repository],
      (r) => r.length > 0,
    );
    expect(rows).toEqual([{ ua: "evilagent" }]);
  });
});
