import { execFileSync } from "node:child_process";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { uniqueName } from "@/tests/helpers/factory";
import { buildImage, pushImage, skopeoRun } from "@/tests/helpers/oci-image";

const c = inject("console");

function registryPids(): number[] {
  try {
    return execFileSync("pgrep", ["-f", path.join(c.dataDir, "registry", "config.yml")], { encoding: "utf8" })
      .trim()
      .split("\n")
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

async function health() {
  return (await (await fetch(`${c.url}/api/health`)).json()) as { status: string; registry: { status: string } };
}

describe("a registry crash", () => {
  it("leaves the console up and the console restarts the registry with its data", async () => {
    const repository = `${c.admin.username}/${uniqueName("crash")}`;
    const image = await buildImage({ layers: [{ files: { "x.txt": repository } }] });
    await pushImage(image, {
      registry: c.registryHost,
      repository,
      tag: "before",
      username: c.admin.username,
      password: c.admin.password,
    });

    const [pid] = registryPids();
    expect(pid).toBeGreaterThan(0);
    process.kill(pid!, "SIGKILL");

    const deadline = Date.now() + 15_000;
    let h = await health();
    while ((h.status !== "ok" || registryPids()[0] === pid) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      h = await health();
    }
    expect(h.status).toBe("ok");
    expect(registryPids()[0]).not.toBe(pid);
    const before = await skopeoRun([
      "inspect",
      "--raw",
      "--tls-verify=false",
      "--creds",
      `${c.admin.username}:${c.admin.password}`,
      `docker://${c.registryHost}/${repository}:before`,
    ]);
    expect(before.code, before.stderr).toBe(0);
    await pushImage(image, {
      registry: c.registryHost,
      repository,
      tag: "after",
      username: c.admin.username,
      password: c.admin.password,
    });
  });
});
