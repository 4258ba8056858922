import { execFileSync } from "node:child_process";
import fs from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, expect, it, onTestFinished } from "vitest";
import { freePort } from "@/tests/harness/free-port";
import { startConsoleInstance } from "@/tests/harness/console-instance";
import { uniqueName } from "@/tests/helpers/factory";
import { buildImage, inspectRaw, pushImage } from "@/tests/helpers/oci-image";

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** Processes whose command line mentions `needle` (the data dir is in the registry's config path). */
function processesMentioning(needle: string): string[] {
  try {
    return execFileSync("pgrep", ["-af", needle], { encoding: "utf8" }).trim().split("\n").filter(Boolean);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

async function countEvents(dbPort: number, repository: string): Promise<number> {
  const client = new pg.Client({
    connectionString: `postgres://postgres:postgres@127.0.0.1:${dbPort}/postgres?sslmode=disable`,
  });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      "select count(*) as n from registry_events where repository = $1 and action = 'push'",
      [repository],
    );
    return Number(rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}

describe("the start command with the embedded defaults", () => {
  // Two full starts with the embedded database: 7 s each on a quiet machine, but one took 38.7 s
  // while other work kept this 2-core machine at a load of 13, past the default 60 s for both.
  it(
    "runs registry + PGlite + console, stops all of them, and keeps the data across restarts",
    { timeout: 180_000 },
    async () => {
      const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "rcp-embedded-"));
      const ports = { port: await freePort(), registryPort: await freePort(), embeddedDbPort: await freePort() };
      const adminPassword = "embedded-admin-password";

      const first = await startConsoleInstance({ dataDir, ...ports, adminPassword });
      onTestFinished(async () => void (await first.stop()));
      expect(first.output()).toContain("embedded PostgreSQL (PGlite)");
      expect(first.output()).toContain("(created now)");
      const health = await (await fetch(`${first.url}/api/health`)).json();
      expect(health).toMatchObject({ status: "ok", database: { status: "up" }, registry: { status: "up" } });

      const repository = `operator/${uniqueName("emb")}`;
      const image = await buildImage({ ref: "latest", layers: [{ files: { "a.txt": repository } }] });
      await pushImage(image, {
        registry: first.registryHost,
        repository,
        tag: "v1",
        username: "operator",
        password: adminPassword,
      });
      const deadline = Date.now() + 10_000;
      // The front door's record of the push, then the registry's notification of it.
      while ((await countEvents(ports.embeddedDbPort, repository)) < 2 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 100));
      expect(await countEvents(ports.embeddedDbPort, repository)).toBe(2);

      expect(await first.stop()).toBe(0);
      for (const p of Object.values(ports)) expect(await listening(p), `port ${p} still open`).toBe(false);
      expect(processesMentioning(dataDir)).toEqual([]);

      const second = await startConsoleInstance({ dataDir, ...ports, adminPassword });
      try {
        expect(second.output()).not.toContain("(created now)");
        expect(await countEvents(ports.embeddedDbPort, repository)).toBe(2);
        const raw = await inspectRaw({
          registry: second.registryHost,
          repository,
          tag: "v1",
          username: "operator",
          password: adminPassword,
        });
        expect(JSON.parse(raw)).toEqual(image.manifest);
      } finally {
        expect(await second.stop()).toBe(0);
      }
      expect(processesMentioning(dataDir)).toEqual([]);
    },
  );
});
