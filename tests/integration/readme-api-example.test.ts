import { execFile } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, inject, it } from "vitest";
import { apiUser } from "@/tests/helpers/api-fixtures";
import { waitForRows } from "@/tests/helpers/db";
import { buildImage, pushImage } from "@/tests/helpers/oci-image";

const c = inject("console");
const run = promisify(execFile);

/** The README's curl example, step by step ("# 1. …", "# 2. …"), exactly as written there. */
async function readmeSteps(): Promise<string[]> {
  const readme = await fs.readFile(path.resolve(import.meta.dirname, "../../README.md"), "utf8");
  const block = /<!-- api-example:start -->\s*```sh\n([\s\S]*?)```\s*<!-- api-example:end -->/.exec(readme)?.[1];
  if (!block) throw new Error("README has no api-example block");
  return block
    .split(/^# \d+\. .*$/m)
    .slice(1)
    .map((s) => s.trim());
}

describe("the README's API example", () => {
  it("creates a repository, lists its tags and deletes one, as written", async () => {
    const user = await apiUser("rd");
    const env = { ...process.env, CONSOLE: c.url, NS: user.username, TOKEN: user.tokens.read_write_delete };
    const sh = async (script: string) => (await run("bash", ["-euo", "pipefail", "-c", script], { env })).stdout;
    const [create, list, remove] = await readmeSteps();

    expect(JSON.parse(await sh(create!))).toMatchObject({ full_name: `${user.username}/hello`, visibility: "private" });
    const repository = `${user.username}/hello`;
    for (const tag of ["1.0", "2.0"]) {
      const image = await buildImage({
        layers: [{ files: { [`${tag}.txt`]: crypto.randomBytes(16).toString("hex") } }],
      });
      await pushImage(image, {
        registry: c.registryHost,
        repository,
        tag,
        username: user.username,
        password: user.tokens.read_write_delete,
      });
    }
    await waitForRows(
      c.databaseUrl,
      "select t.name from repository_tags t join repositories r on r.id = t.repository_id join namespaces n on n.id = r.namespace_id where n.name = $1 and r.name = 'hello'",
      [user.username],
      (r) => r.length === 2,
    );
    const tags = JSON.parse(await sh(list!));
    expect(tags.count).toBe(2);
    expect(tags.results.map((t: { name: string }) => t.name)).toEqual(["1.0", "2.0"]);
    expect((await sh(remove!)).trim()).toBe("204");
    const again = await sh(remove!);
    expect(again).toContain('"code":"NOT_FOUND"');
    expect(again.trim().endsWith("404")).toBe(true);
  });
});
