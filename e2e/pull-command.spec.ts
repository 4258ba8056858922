import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { pushImage, skopeoRun, uniqueImage } from "../tests/helpers/oci-image";
import { signUp } from "./support/factory";
import { shot } from "./support/shot";
import { reloadUntil } from "./support/reload-until";

test("pull command: a tag that exists (newest without latest), tag picker, docker/podman/skopeo, pinned digest, the whole command in the copy button; empty repository shows push commands", async ({
  page,
  context,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const owner = await signUp(page);
  const registry = (await (await page.request.get("/api/health")).json()).registry.host as string;
  const repository = `${owner.username}/app`;
  const image = `${registry}/${repository}`;
  const box = page.getByTestId("pull-command-text");

  // Created in the console, nothing pushed: no pull command naming a tag that does not exist.
  await page.goto("/repositories/new");
  await page.getByLabel("Repository name").fill("app");
  await page.getByRole("button", { name: "Create" }).click();
  await expect(page).toHaveURL(new RegExp(`/r/${repository}\\?created=1$`));
  const empty = page.getByTestId("pull-command-empty");
  await expect(empty).toContainText("Nothing has been pushed");
  // The banner above already shows the push commands: not twice.
  await expect(empty).not.toContainText("docker push");
  await page.goto(`/r/${repository}`);
  await expect(empty).toContainText("Nothing has been pushed");
  await expect(empty).toContainText(`docker push ${image}:latest`);
  await expect(page.getByText(/docker pull/)).toHaveCount(0);
  await shot(page, "pull-command-empty");

  // Two tags, no latest: the box names the newer one.
  const first = await uniqueImage("pull-first");
  const second = await uniqueImage("pull-second");
  const creds = { registry, repository, username: owner.username, password: owner.password };
  await pushImage(first, { ...creds, tag: "1.0" });
  await pushImage(second, { ...creds, tag: "2.0" });
  await reloadUntil(page, () => expect(box).toHaveText(`$ docker pull ${image}:2.0`), 15_000);
  const copy = page.getByRole("button", { name: /^Copy: / });
  await expect(copy).toHaveAccessibleName(`Copy: docker pull ${image}:2.0`);
  await shot(page, "pull-command-repository");

  // Another tag from the picker.
  const picker = page.getByLabel("Tag", { exact: true });
  await expect(picker.locator("option")).toHaveText(["2.0", "1.0"]);
  await picker.selectOption("1.0");
  await expect(box).toHaveText(`$ docker pull ${image}:1.0`);

  // podman and skopeo need the TLS check off for this plain-HTTP registry; docker has no such flag.
  const client = page.getByRole("group", { name: "Client" });
  await client.getByRole("button", { name: "podman" }).click();
  await expect(client.getByRole("button", { name: "podman" })).toHaveAttribute("aria-pressed", "true");
  await expect(box).toHaveText(`$ podman pull --tls-verify=false ${image}:1.0`);
  await client.getByRole("button", { name: "skopeo" }).click();
  const skopeoCommand = `skopeo copy --src-tls-verify=false docker://${image}:1.0 oci:./app:1.0`;
  await expect(box).toHaveText(`$ ${skopeoCommand}`);
  await expect(copy).toHaveAccessibleName(`Copy: ${skopeoCommand}`);

  // The command works as shown (the repository is public): skopeo copies 1.0's manifest, byte for byte.
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "pull-command-"));
  const args = skopeoCommand
    .split(" ")
    .slice(1)
    .map((a) => (a.startsWith("oci:./") ? `oci:${dir}/${a.slice("oci:./".length)}` : a));
  const pulled = await skopeoRun(args);
  expect(pulled.code, pulled.stderr).toBe(0);
  const layout = JSON.parse(await fs.readFile(path.join(dir, "app", "index.json"), "utf8"));
  expect(layout.manifests[0].digest).toBe(first.manifestDigest);
  await fs.rm(dir, { recursive: true, force: true });

  // Pinned to the selected tag's digest.
  await page.getByRole("group", { name: "Pull by" }).getByRole("button", { name: "By digest" }).click();
  await expect(box).toHaveText(
    `$ skopeo copy --src-tls-verify=false docker://${image}@${first.manifestDigest} oci:./app:1.0`,
  );
  await client.getByRole("button", { name: "docker" }).click();
  const pinned = `docker pull ${image}@${first.manifestDigest}`;
  await expect(box).toHaveText(`$ ${pinned}`);
  await expect(copy).toHaveAccessibleName(`Copy: ${pinned}`);
  await copy.click();
  await expect(copy).toHaveText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(pinned);
  await shot(page, "pull-command-digest");

  // The tag page uses the same box for its own tag, without a picker.
  await page.goto(`/r/${repository}/tags/2.0`);
  await expect(box).toHaveText(`$ docker pull ${image}:2.0`);
  await expect(page.getByLabel("Tag", { exact: true })).toHaveCount(0);
  await page.getByRole("group", { name: "Pull by" }).getByRole("button", { name: "By digest" }).click();
  await expect(box).toHaveText(`$ docker pull ${image}@${second.manifestDigest}`);
  await shot(page, "pull-command-tag-page");

  // Once latest exists it wins, even over a tag pushed after it.
  await pushImage(first, { ...creds, tag: "latest" });
  await pushImage(second, { ...creds, tag: "3.0" });
  await page.goto(`/r/${repository}`);
  await reloadUntil(
    page,
    async () => {
      await expect(page.getByLabel("Tag", { exact: true }).locator("option")).toHaveCount(4);
      await expect(box).toHaveText(`$ docker pull ${image}:latest`);
    },
    15_000,
  );
});
