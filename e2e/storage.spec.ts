import crypto from "node:crypto";
import { expect, test } from "@playwright/test";
import { formatBytes } from "../lib/format";
import { buildImage, pushImage, type BuiltImage } from "../tests/helpers/oci-image";
import { signUp, uniqueUsername } from "./support/factory";
import { reloadUntil } from "./support/reload-until";
import { shot } from "./support/shot";

/** What one tag of `image` keeps stored (pushed byte for byte): its manifest, config and layers. */
function closure(image: BuiltImage): Map<string, number> {
  return new Map([
    [image.manifestDigest, image.manifestBytes.length],
    [image.configDigest, image.manifest.config.size],
    ...image.layers.map((l) => [l.digest, l.size] as [string, number]),
  ]);
}
const bytes = (images: BuiltImage[]) => {
  const union = new Map(images.flatMap((i) => [...closure(i)]));
  const sum = (m: Map<string, number>) => [...m.values()].reduce((n, s) => n + s, 0);
  return { unique: sum(union), tagged: images.reduce((n, i) => n + sum(closure(i)), 0) };
};

test("storage: the repository page shows the distinct bytes beside the sum over tags, an empty repository 0 B, and the namespace's figure counts a shared layer once", async ({
  page,
}) => {
  const owner = await signUp(page);
  const registry = (await (await page.request.get("/api/health")).json()).registry.host as string;
  const creds = (name: string) => ({
    registry,
    repository: `${owner.username}/${name}`,
    username: owner.username,
    password: owner.password,
  });
  // Random hex compresses to about half: a base layer of some 650 kB that every image shares.
  const base = { files: { "base.bin": crypto.randomBytes(600_000).toString("hex") } };
  const one = await buildImage({ layers: [base, { files: { "one.txt": "one" } }] });
  const two = await buildImage({ layers: [base, { files: { "two.txt": "two" } }] });
  const api = await buildImage({ layers: [base, { files: { "api.txt": "api" } }] });

  await page.goto("/repositories/new");
  await page.getByLabel("Repository name").fill("web");
  await page.getByRole("button", { name: "Create" }).click();
  await expect(page).toHaveURL(/\/r\/.+\/web\?created=1$/);
  const storage = page.getByRole("region", { name: "Storage" });
  await expect(storage.getByTestId("storage-figure")).toHaveAttribute("data-state", "ready");
  await expect(storage).toContainText("0 B stored");
  await expect(storage).toContainText("Nothing pushed yet.");
  await shot(page, "storage-empty-repository");

  await pushImage(one, { ...creds("web"), tag: "1.0" });
  await pushImage(two, { ...creds("web"), tag: "2.0" });
  await pushImage(two, { ...creds("web"), tag: "latest" });
  await pushImage(api, { ...creds("api"), tag: "1.0" });

  const web = bytes([one, two, two]);
  await page.goto(`/r/${owner.username}/web`);
  await reloadUntil(page, () =>
    expect(storage.getByTestId("storage-unique")).toHaveText(formatBytes(web.unique), { timeout: 1000 }),
  );
  await expect(storage.getByTestId("storage-tagged")).toHaveText(
    `· ${formatBytes(web.tagged)} across tags (layers shared)`,
  );
  await expect(storage).toContainText("each counted once");
  // The base layer three times over across tags, once in what is stored.
  expect(web.tagged - web.unique).toBeGreaterThan(2 * one.layers[0]!.size);
  await shot(page, "storage-repository");

  const namespace = bytes([one, two, two, api]);
  await page.goto("/settings/general");
  const ns = page.getByRole("region", { name: "Storage" });
  await reloadUntil(page, () =>
    expect(ns.getByTestId("storage-unique")).toHaveText(formatBytes(namespace.unique), { timeout: 1000 }),
  );
  await expect(ns.getByTestId("storage-tagged")).toHaveText(
    `· ${formatBytes(namespace.tagged)} across tags (layers shared)`,
  );
  await expect(ns).toContainText("across every repository, private ones included");
  await shot(page, "storage-namespace-settings");

  // An organization's settings show its own namespace: one image under two tags is stored once.
  const org = uniqueUsername("org");
  await page.goto("/orgs/new");
  await page.getByLabel("Organization name").fill(org);
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page).toHaveURL(new RegExp(`/orgs/${org}$`));
  const orgCreds = { ...creds("web"), repository: `${org}/web` };
  await pushImage(two, { ...orgCreds, tag: "a" });
  await pushImage(two, { ...orgCreds, tag: "b" });
  const orgBytes = bytes([two, two]);
  await page.goto(`/orgs/${org}/settings`);
  const orgStorage = page.getByRole("region", { name: "Storage" });
  await reloadUntil(page, () =>
    expect(orgStorage.getByTestId("storage-unique")).toHaveText(formatBytes(orgBytes.unique), { timeout: 1000 }),
  );
  await expect(orgStorage.getByTestId("storage-tagged")).toHaveText(
    `· ${formatBytes(orgBytes.tagged)} across tags (layers shared)`,
  );
  await shot(page, "storage-organization-settings");
});
