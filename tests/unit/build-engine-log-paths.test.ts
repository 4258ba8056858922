import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BuildError } from "@/lib/builds/engine/errors";
import { BuildLog, type BuildLogEvent } from "@/lib/builds/engine/log";
import { resolveInside } from "@/lib/builds/engine/paths";
import { registryHost } from "@/lib/builds/engine/push";

describe("build log", () => {
  it("stops at the cap with one notice and never lets a secret through", () => {
    const events: BuildLogEvent[] = [];
    const log = new BuildLog((e) => events.push(e), 20, ["s3cret"]);
    log.write("stdout", "token=s3cret\n");
    log.write("stdout", "0123456789abcdef");
    log.write("stderr", "dropped");
    const text = events.map((e) => e.text).join("");
    expect(text).not.toContain("s3cret");
    expect(text.startsWith("token=***\n012345678")).toBe(true);
    expect(text).toContain("[log truncated at 20 bytes");
    expect(text).not.toContain("dropped");
    expect(log.truncated).toBe(true);
    expect(log.size).toBe(20);
  });

  it("a listener that throws does not break the build", () => {
    const log = new BuildLog(
      () => {
        throw new Error("gone");
      },
      100,
      [],
    );
    expect(() => log.engine("hello")).not.toThrow();
  });
});

describe("paths inside the checkout", () => {
  let root: string;
  beforeAll(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), "paths-"));
    await fs.mkdir(path.join(root, "sub"));
    await fs.symlink("/etc", path.join(root, "out"));
    await fs.symlink("sub", path.join(root, "in"));
  });
  afterAll(() => fs.rm(root, { recursive: true, force: true }));

  it("accepts paths inside, refuses absolute, .. and links leaving it", async () => {
    const real = await fs.realpath(root);
    expect(await resolveInside(root, "", "context")).toBe(real);
    expect(await resolveInside(root, "sub/../sub", "context")).toBe(path.join(real, "sub"));
    expect(await resolveInside(root, "in", "context")).toBe(path.join(real, "sub"));
    expect(await resolveInside(root, "missing/Dockerfile", "Dockerfile")).toBe(path.join(real, "missing/Dockerfile"));
    for (const bad of ["/etc", "..", "sub/../../x", "out", "out/passwd"]) {
      const e = await resolveInside(root, bad, "context").catch((x: unknown) => x);
      expect(e, bad).toBeInstanceOf(BuildError);
      expect((e as BuildError).code).toBe("invalid_path");
    }
  });
});

describe("registry host of an image reference", () => {
  it("takes the first part when it names a host", () => {
    expect(registryHost("127.0.0.1:5000/org/repo:tag")).toBe("127.0.0.1:5000");
    expect(registryHost("localhost/repo")).toBe("localhost");
    expect(registryHost("registry.example.com/a/b")).toBe("registry.example.com");
    expect(registryHost("library/busybox")).toBe("docker.io");
  });
});
