import crypto from "node:crypto";
import { expect, test } from "@playwright/test";
import { buildImage, pushImage } from "../tests/helpers/oci-image";
import { signIn, signUp } from "./support/factory";
import { shot } from "./support/shot";

const operator = () => ({ username: "operator", password: process.env.E2E_ADMIN_PASSWORD! });

test("garbage collection: the operator finds it in Admin, starts a run after confirming, and reads what it freed", async ({
  page: userPage,
  browser,
}) => {
  test.setTimeout(180_000);
  // Garbage to collect: a pushed image whose tag is then deleted (a layer no other test has).
  const owner = await signUp(userPage);
  const registry = (await (await userPage.request.get("/api/health")).json()).registry.host as string;
  const image = await buildImage({ layers: [{ files: { "gc.bin": crypto.randomBytes(300_000).toString("hex") } }] });
  await pushImage(image, {
    registry,
    repository: `${owner.username}/gc`,
    tag: "old",
    username: owner.username,
    password: owner.password,
  });

  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, operator());
  await page.getByTestId("signed-in-as").waitFor();
  await page.goto("/admin/settings");
  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Garbage collection" }).click();
  await expect(page).toHaveURL(/\/admin\/storage\/garbage-collection$/);
  await expect(page.getByRole("heading", { name: "Garbage collection", level: 1 })).toBeVisible();
  await expect(page.getByTestId("gc-empty")).toContainText("No garbage collection has run yet");
  await shot(page, "garbage-collection-empty");

  // The owner deletes the tag in the console; its blobs become garbage.
  await userPage.goto(`/r/${owner.username}/gc/tags`);
  await expect(async () => {
    await userPage.reload();
    await expect(userPage.getByTestId("tag-item")).toHaveCount(1, { timeout: 1000 });
  }).toPass({ timeout: 15_000, intervals: [250, 500, 1000] });
  await userPage.getByLabel("Select old").check();
  await userPage.getByRole("button", { name: "Delete selected tags" }).click();
  await userPage.getByTestId("delete-tags-dialog").getByRole("button", { name: "Delete 1 tag" }).click();
  await expect(userPage.getByText("No tags yet")).toBeVisible();

  // Starting asks first; Cancel leaves nothing queued.
  await page.reload();
  await page.getByRole("button", { name: "Run garbage collection" }).click();
  const dialog = page.getByTestId("gc-start-dialog");
  await expect(dialog.getByText("pulls keep working")).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByTestId("gc-empty")).toBeVisible();
  await page.getByRole("button", { name: "Run garbage collection" }).click();
  await dialog.getByRole("button", { name: "Run garbage collection" }).click();

  // The page refreshes itself until the run is over.
  const row = page.getByTestId("gc-run").first();
  await expect(row).toBeVisible();
  await shot(page, "garbage-collection-started");
  await expect(row.getByTestId("gc-run-status")).toHaveText("succeeded", { timeout: 90_000 });
  await expect(row.getByTestId("gc-run-freed")).not.toHaveText("—");
  await expect(row.getByTestId("gc-run-freed")).not.toHaveText("0 B");
  await shot(page, "garbage-collection-finished");

  await row.getByRole("link").first().click();
  await expect(page).toHaveURL(/\/admin\/storage\/garbage-collection\/[0-9a-f-]{36}$/);
  const figures = page.getByTestId("gc-run-figures");
  // What the index predicted before the sweep is what it freed on disk.
  const freed = await figures.locator("dt:text-is('Freed') + dd").textContent();
  expect(freed).not.toBe("0 B");
  await expect(figures.locator("dt:text-is('Predicted (index)') + dd")).toHaveText(freed!);
  await expect(figures).toContainText("operator");
  await expect(page.getByTestId("gc-run-log")).toContainText("garbage-collect");
  await expect(page.getByTestId("gc-run-log")).toContainText("window closed");
  await shot(page, "garbage-collection-run");

  // Someone who is not an operator finds no such page.
  const other = await userPage.goto("/admin/storage/garbage-collection");
  expect(other?.status()).toBe(404);
  await context.close();
});
