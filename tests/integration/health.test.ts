import { afterAll, describe, expect, inject, it } from "vitest";
import { freePort } from "@/tests/harness/free-port";
import { startConsoleInstance, type ConsoleInstance } from "@/tests/harness/console-instance";

const c = inject("console");
const started: ConsoleInstance[] = [];
afterAll(async () => {
  for (const i of started) await i.stop();
});

describe("health", () => {
  it("reports database and registry up", async () => {
    const res = await fetch(new URL("/api/health", c.url));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({
      status: "ok",
      database: { status: "up" },
      registry: { status: "up", host: c.registryHost },
    });
    expect(body.database.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it("says degraded, and pages still render, when the registry is unreachable", async () => {
    // A console pointed at a registry that is not there (operator-supplied REGISTRY_URL).
    const deadPort = await freePort();
    const instance = await startConsoleInstance({
      databaseUrl: c.databaseUrl,
      env: { REGISTRY_URL: `http://127.0.0.1:${deadPort}`, REGISTRY_TIMEOUT_MS: "500" },
    });
    started.push(instance);
    const res = await fetch(new URL("/api/health", instance.url));
    expect(res.status).toBe(503);
    const body = await res.json();
    expect(body).toMatchObject({
      status: "degraded",
      database: { status: "up" },
      registry: { status: "down", message: "The registry is not reachable." },
    });
    for (const page of ["/", "/health"]) {
      const html = await fetch(new URL(page, instance.url));
      expect(html.status, page).toBe(200);
      expect(await html.text()).toContain("Degraded");
    }
  });
});
