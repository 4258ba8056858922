import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createPersonalAccessToken } from "@/lib/services/personal-access-token/create";
import { deletePersonalAccessToken } from "@/lib/services/personal-access-token/delete";
import { apiUser } from "@/tests/helpers/api-fixtures";
import { uniqueName } from "@/tests/helpers/factory";
import { startDockerDaemon, type DockerDaemon } from "@/tests/harness/docker-daemon";

const c = inject("console");

/**
 * The docker CLI, against a docker engine of the test's own, through the console's front door:
 * what a user does on day one. The registry address is the console's (c.registryHost).
 */
describe("docker through the front door", () => {
  let d: DockerDaemon;
  beforeAll(async () => {
    d = await startDockerDaemon();
  }, 60_000);
  afterAll(async () => {
    await d?.stop();
  });

  it("login with a token, build a multi-layer image (RUN with --network none), push, pull it back and run it; logout; anonymous pulls: public yes, private no", async () => {
    const u = await apiUser("dk");
    const host = c.registryHost;
    expect(host).toBe(new URL(c.url).host); // one address for the console and the registry API

    const login = await d.docker(["login", host, "-u", u.username, "--password-stdin"], {
      input: u.tokens.read_write,
    });
    expect(login.stdout + login.stderr).toContain("Login Succeeded");

    // Public: a repository made by the push. Private: made first through the API.
    const pub = `${host}/${u.username}/${uniqueName("pub")}:1.0`;
    const privName = uniqueName("priv");
    const created = await fetch(`${c.url}/api/v1/namespaces/${u.username}/repositories`, {
      method: "POST",
      headers: { authorization: `Bearer ${u.tokens.read_write}`, "content-type": "application/json" },
      body: JSON.stringify({ name: privName, visibility: "private" }),
    });
    expect(created.status).toBe(201);
    const priv = `${host}/${u.username}/${privName}:1.0`;

    await d.ensureBaseImage();
    const ctx = path.join(d.dir, "ctx");
    await fs.mkdir(ctx, { recursive: true });
    await fs.writeFile(path.join(ctx, "hello.txt"), `hello ${u.username}\n`);
    await fs.writeFile(
      path.join(ctx, "Dockerfile"),
      'FROM base:1\nRUN echo built-by-run > /built.txt\nCOPY hello.txt /hello.txt\nCMD ["/bin/sh", "-c", "cat /built.txt /hello.txt"]\n',
    );
    // The legacy builder (DOCKER_BUILDKIT=0), as the engine here has no BuildKit.
    const build = await d.docker(["build", "--network", "none", "-t", pub, "-t", priv, ctx], {
      env: { DOCKER_BUILDKIT: "0" },
    });
    expect(build.code, build.stderr).toBe(0);

    // Three layers: the base, the RUN step and the COPY. The first push uploads them; the second,
    // to another repository of the same account, mounts them from the first (no upload).
    const first = await d.docker(["push", pub]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/1\.0: digest: sha256:[0-9a-f]{64} size: \d+/);
    expect(first.stdout.match(/: Pushed$/gm)?.length, first.stdout).toBe(3);
    const second = await d.docker(["push", priv]);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout.match(/: Mounted from /gm)?.length, second.stdout).toBe(3);

    await d.docker(["rmi", pub, priv]);
    const pull = await d.docker(["pull", priv]);
    expect(pull.code, pull.stderr).toBe(0);
    const ran = await d.docker(["run", "--rm", "--network", "none", priv]);
    expect(ran.stdout).toBe(`built-by-run\nhello ${u.username}\n`);

    const logout = await d.docker(["logout", host]);
    expect(logout.code).toBe(0);
    await d.docker(["rmi", priv]);
    const anonymousPrivate = await d.docker(["pull", priv]);
    expect(anonymousPrivate.code).not.toBe(0);
    expect(anonymousPrivate.stderr).toMatch(/denied|unauthorized|not found/i);
    await d.docker(["rmi", pub]);
    const anonymousPublic = await d.docker(["pull", pub]);
    expect(anonymousPublic.code, anonymousPublic.stderr).toBe(0);
  }, 180_000);

  it("a wrong password is refused at login; a deleted token stops pushes at once", async () => {
    const u = await apiUser("dk");
    const bad = await d.docker(["login", c.registryHost, "-u", u.username, "--password-stdin"], {
      input: "not-the-password",
    });
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/unauthorized|denied|incorrect/i);

    const token = await createPersonalAccessToken(u.id, { description: "ci", scope: "read_write", expiry: "30" });
    const login = await d.docker(["login", c.registryHost, "-u", u.username, "--password-stdin"], {
      input: token.secret,
    });
    expect(login.code, login.stderr).toBe(0);
    await d.ensureBaseImage();
    const ref = `${c.registryHost}/${u.username}/${uniqueName("tok")}`;
    await d.docker(["tag", "base:1", `${ref}:1`]);
    await d.docker(["tag", "base:1", `${ref}:2`]);
    expect((await d.docker(["push", `${ref}:1`])).code).toBe(0);
    await deletePersonalAccessToken(u.id, token.id);
    const after = await d.docker(["push", `${ref}:2`]);
    expect(after.code).not.toBe(0);
    expect(after.stderr).toMatch(/unauthorized|denied|authentication required/i);
  }, 60_000);
});
