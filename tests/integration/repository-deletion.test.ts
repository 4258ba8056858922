import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { searchNamespaceRepositories } from "@/lib/data/repositories";
import { RegistryClient } from "@/lib/registry/client";
import { mintRegistryToken } from "@/lib/registry/token-signer";
import { deleteRepository } from "@/lib/services/repository/delete";
import { createUser } from "@/lib/services/user/create";
import { uniqueName } from "@/tests/helpers/factory";
import { buildImage, pushImage } from "@/tests/helpers/oci-image";

const c = inject("console");
const db = new pg.Pool({ connectionString: c.databaseUrl, max: 2 });
afterAll(() => db.end());

/** The pid of the registry the console started (its command line names its config under the data dir). */
function registryPid(): number {
  const out = execFileSync("pgrep", ["-f", path.join(c.dataDir, "registry", "config.yml")], { encoding: "utf8" })
    .trim()
    .split("\n");
  return Number(out[0]);
}

/** What the console and the registry logged, for a failure in CI that cannot be rerun by hand. */
function diagnostics(): string {
  const tail = (file: string) =>
    fs.existsSync(file) ? fs.readFileSync(file, "utf8").split("\n").slice(-60).join("\n") : `(no ${file})`;
  return `console:\n${tail(path.join(c.dataDir, "console-output.log"))}\nregistry:\n${tail(path.join(c.dataDir, "registry", "registry.log"))}`;
}

describe("repository deletion when the registry goes away midway", () => {
  it(
    "fails cleanly, keeps the repository marked deleting (nothing pullable), and the console finishes it once the registry is back",
    { timeout: 150_000 },
    async () => {
      const username = uniqueName("rd");
      const user = await createUser({ username, email: `${username}@example.test`, password: `pw-${username}` });
      const repository = `${username}/doomed`;
      const image = await buildImage({ layers: [{ files: { "d.txt": repository } }] });
      await pushImage(image, { registry: c.registryHost, repository, tag: "1", username, password: `pw-${username}` });
      await pushImage(image, { registry: c.registryHost, repository, tag: "2", username, password: `pw-${username}` });

      // SIGSTOP makes the registry unreachable (connections hang until the client times out).
      const pid = registryPid();
      process.kill(pid, "SIGSTOP");
      try {
        await expect(
          deleteRepository(
            { kind: "user", userId: user.id, isAdmin: false },
            { namespace: username, name: "doomed", confirmation: repository },
          ),
        ).rejects.toMatchObject({ code: "REGISTRY_UNAVAILABLE" });
      } finally {
        process.kill(pid, "SIGCONT");
      }
      const { rows } = await db.query("select status from repositories where name = 'doomed' and created_by_id = $1", [
        user.id,
      ]);
      expect(rows).toEqual([{ status: "deleting" }]);
      // The owner's dashboard shows it as deleting rather than hiding it.
      const ns = (await db.query("select namespace_id from users where id = $1", [user.id])).rows[0].namespace_id;
      const dashboard = await searchNamespaceRepositories({
        namespaceId: ns,
        viewerId: user.id,
        q: "",
        sort: "name",
        page: 1,
        pageSize: 20,
      });
      expect(dashboard.items.map((i) => [i.name, i.status])).toEqual([["doomed", "deleting"]]);
      // While deleting, even the owner cannot pull it.
      const token = await fetch(
        `${c.url}/api/registry/token?service=registry-console&scope=repository:${repository}:pull`,
        { headers: { Authorization: `Basic ${Buffer.from(`${username}:pw-${username}`).toString("base64")}` } },
      );
      const access = JSON.parse(Buffer.from((await token.json()).token.split(".")[1], "base64url").toString()).access;
      expect(access).toEqual([]);

      // Skip the resumer's 30-second grace period, then wait for the console's background job.
      await db.query(
        "update repositories set updated_at = now() - interval '1 minute' where name = 'doomed' and created_by_id = $1",
        [user.id],
      );
      // One resumed attempt may still fail while the registry recovers; its lease then makes the next
      // one due 60 s later, so allow for that rather than for the happy path only.
      const deadline = Date.now() + 75_000;
      let left = 1;
      while (left > 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 250));
        left =
          (await db.query("select 1 from repositories where name = 'doomed' and created_by_id = $1", [user.id]))
            .rowCount ?? 0;
      }
      if (left > 0) console.error(diagnostics());
      expect(left).toBe(0);
      const client = new RegistryClient({
        baseUrl: c.registryUrl,
        timeoutMs: 5000,
        authorize: (a) => mintRegistryToken("_console", a, 60).token,
      });
      await expect(client.getManifest(repository, image.manifestDigest)).rejects.toMatchObject({ code: "NOT_FOUND" });
      expect(await client.allTags(repository).catch(() => [])).toEqual([]);
    },
  );
});
