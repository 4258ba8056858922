import crypto from "node:crypto";
import { expect, test } from "@playwright/test";
import { buildImage, buildMultiPlatformImage, pushImage } from "../tests/helpers/oci-image";
import { signUp } from "./support/factory";
import { shot } from "./support/shot";

test("image page: layers in order with the history between them, config, raw JSON, platforms; compare two tags", async ({
  page,
}) => {
  const owner = await signUp(page);
  const registry = (await (await page.request.get("/api/health")).json()).registry.host as string;
  const repository = `${owner.username}/shop`;
  const creds = { registry, repository, username: owner.username, password: owner.password };
  // Random bytes do not compress: a base layer of ~8 kB that dominates the image.
  const base = {
    files: { "base.txt": crypto.randomBytes(4000).toString("hex") },
    createdBy: "/bin/sh -c #(nop) ADD file:base in / ",
  };
  const image = await buildImage({
    layers: [
      base,
      { files: { "app.js": "console.log(1)" }, createdBy: "/bin/sh -c npm ci" },
      { files: { "cfg.json": "{}" }, createdBy: "COPY cfg.json / # buildkit" },
    ],
    emptyHistory: [
      { afterLayer: 0, createdBy: "/bin/sh -c #(nop)  ENV NODE_ENV=production" },
      { afterLayer: 2, createdBy: '/bin/sh -c #(nop)  CMD ["node","app.js"]' },
    ],
    config: {
      Env: ["NODE_ENV=production"],
      Cmd: ["node", "app.js"],
      WorkingDir: "/srv",
      User: "app",
      ExposedPorts: ["8080/tcp"],
      Labels: { team: "shop" },
    },
    annotations: { "org.opencontainers.image.source": "https://example.test/shop" },
  });
  const other = await buildImage({
    layers: [base, { files: { "app.js": "console.log(2)" }, createdBy: "/bin/sh -c npm ci" }],
  });
  await pushImage(image, { ...creds, tag: "1.0" });
  await pushImage(other, { ...creds, tag: "2.0" });
  await pushImage(await buildMultiPlatformImage(), { ...creds, tag: "multi" });

  await page.goto(`/r/${repository}/tags/1.0`);
  await expect(page.getByTestId("image-digest")).toHaveText(image.manifestDigest);
  const rows = page.locator('[data-testid="layer-row"], [data-testid="metadata-row"]');
  await expect(rows).toHaveCount(5);
  // Layer, ENV (0 B), layer, layer, CMD (0 B): the empty-layer steps sit where the history put them.
  await expect(rows.nth(0)).toHaveAttribute("data-testid", "layer-row");
  await expect(rows.nth(0)).toContainText("ADD file:base in /");
  await expect(rows.nth(1)).toHaveAttribute("data-testid", "metadata-row");
  await expect(rows.nth(1)).toContainText("ENV NODE_ENV=production");
  await expect(rows.nth(1)).toContainText("0 B");
  await expect(rows.nth(2)).toContainText("RUN npm ci");
  await expect(rows.nth(3)).toContainText("COPY cfg.json /");
  await expect(rows.nth(3)).not.toContainText("buildkit");
  await expect(rows.nth(4)).toContainText('CMD ["node","app.js"]');
  const layerRows = page.getByTestId("layer-row");
  for (let i = 0; i < 3; i++)
    await expect(layerRows.nth(i)).toHaveAttribute("data-size", String(image.layers[i]!.size));
  const total = image.layers.reduce((n, l) => n + l.size, 0);
  await expect(page.getByTestId("image-total-size")).toHaveAttribute("data-bytes", String(total));
  await expect(page.getByTestId("image-layer-count")).toHaveText("3");
  await expect(page.getByTestId("image-warning")).toContainText("Layer 1 holds");
  await expect(page.getByTestId("config-command")).toHaveText('["node","app.js"]');
  await expect(page.getByTestId("config-working-directory")).toHaveText("/srv");
  await expect(page.getByTestId("config-user")).toHaveText("app");
  await expect(page.getByTestId("config-exposed-ports")).toHaveText("8080/tcp");
  await expect(page.getByTestId("config-labels")).toHaveText("team=shop");
  await expect(page.getByTestId("config-annotations")).toHaveText(
    "org.opencontainers.image.source=https://example.test/shop",
  );
  await page.getByText("Raw manifest").click();
  await expect(page.getByTestId("raw-manifest")).toContainText(image.layers[0]!.digest);
  await shot(page, "image-page");

  await page.goto(`/r/${repository}/tags/multi`);
  await expect(page.getByTestId("platform-option")).toHaveCount(2);
  await expect(page.getByTestId("platform-option").first()).toHaveAttribute("aria-current", "page");
  await page.getByTestId("platform-option").filter({ hasText: "linux/arm64/v8" }).click();
  await expect(page).toHaveURL(/platform=sha256/);
  await expect(page.getByTestId("platform-option").filter({ hasText: "linux/arm64/v8" })).toHaveAttribute(
    "aria-current",
    "page",
  );
  await expect(page.getByTestId("layer-row")).toContainText("COPY layer-0");
  await shot(page, "image-page-index");

  // A real 404, though the page streams behind a loading state (the tag layout checks first).
  const missing = await page.goto(`/r/${repository}/tags/nope`);
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "No such tag" })).toBeVisible();
  await shot(page, "image-page-missing-tag");

  await page.goto(`/r/${repository}/tags/1.0`);
  await page.getByRole("link", { name: "Compare with another tag" }).click();
  await page.getByLabel("Compared tag").selectOption("2.0");
  await page.getByRole("button", { name: "Compare" }).click();
  await expect(page).toHaveURL(/a=1\.0&b=2\.0/);
  await expect(page.getByTestId("compare-shared").getByTestId("compare-layer")).toHaveCount(1);
  await expect(page.getByTestId("compare-only-a").getByTestId("compare-layer")).toHaveCount(2);
  await expect(page.getByTestId("compare-only-b").getByTestId("compare-layer")).toHaveCount(1);
  const delta = other.layers.reduce((n, l) => n + l.size, 0) - total;
  await expect(page.getByTestId("compare-delta")).toHaveAttribute("data-bytes", String(delta));
  await shot(page, "compare");
});
