import { expect, test } from "@playwright/test";
import { formatBytes } from "../lib/format";
import { buildImage, pushImage, skopeoRun } from "../tests/helpers/oci-image";
import { signUp } from "./support/factory";
import { shot } from "./support/shot";

test("a pushed repository: overview in Markdown (no HTML), tags, private hides it from visitors, delete removes it from the registry", async ({
  page,
  browser,
}) => {
  const owner = await signUp(page);
  const health = await (await page.request.get("/api/health")).json();
  const registry = health.registry.host as string;
  const path = `${owner.username}/web`;
  const image = await buildImage({ layers: [{ files: { "index.html": "hello" } }] });
  await pushImage(image, {
    registry,
    repository: path,
    tag: "1.0",
    username: owner.username,
    password: owner.password,
  });

  await page.goto(`/u/${owner.username}`);
  await page.getByRole("link", { name: path }).click();
  await expect(page).toHaveURL(new RegExp(`/r/${path}$`));
  await expect(page.getByTestId("visibility")).toHaveText("Public");
  await expect(page.getByText(`docker pull ${registry}/${path}`)).toBeVisible();
  await expect(page.getByTestId("repository-stats")).not.toContainText("Never");

  await page.getByRole("link", { name: "Tags" }).click();
  await expect(page.getByTestId("tag-item")).toContainText("1.0");
  await expect(page.getByTestId("tag-item")).toContainText(image.manifestDigest.slice(7, 19));

  await page.getByRole("link", { name: "Settings" }).last().click();
  await page.getByLabel("Short description").fill("The web front end");
  await page
    .getByLabel("Overview (Markdown)")
    .fill("# Web\n\nRun it with **care**.\n\n<script>window.pwned = 1</script>\n\n[docs](javascript:alert(1))");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("form-success")).toHaveText("Saved.");
  await page.getByRole("link", { name: "General" }).click();
  await expect(page.getByRole("heading", { name: "Web", level: 2, exact: true })).toBeVisible();
  await expect(page.locator("strong", { hasText: "care" })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
  await expect(page.locator("main script")).toHaveCount(0);
  expect(await page.getByRole("link", { name: "docs" }).getAttribute("href")).not.toContain("javascript");
  await shot(page, "repository-general");

  // Visitors see it while public; once private, a signed-out browser gets a 404.
  const visitor = await browser.newContext();
  const visitorPage = await visitor.newPage();
  expect((await visitorPage.goto(`/r/${path}`))?.status()).toBe(200);
  await page.goto(`/r/${path}/settings`);
  // The dialog asks first: cancelling changes nothing.
  await page.getByRole("button", { name: "Make private" }).click();
  const makePrivate = page.getByRole("dialog", { name: `Make ${path} private?` });
  await expect(makePrivate).toContainText("Anonymous pulls and other users' pulls stop");
  await makePrivate.getByRole("button", { name: "Cancel" }).click();
  await expect(makePrivate).toBeHidden();
  await page.reload();
  await expect(page.getByTestId("visibility")).toHaveText("Public");
  await page.getByRole("button", { name: "Make private" }).click();
  await makePrivate.getByRole("button", { name: "Make private" }).click();
  await expect(page.getByTestId("visibility")).toHaveText("Private");
  expect((await visitorPage.goto(`/r/${path}`))?.status()).toBe(404);
  const anonymousPull = await skopeoRun([
    "inspect",
    "--raw",
    "--tls-verify=false",
    "--no-creds",
    `docker://${registry}/${path}:1.0`,
  ]);
  expect(anonymousPull.code).not.toBe(0);
  await visitor.close();

  // Delete with the typed name, in the confirmation dialog: its button waits for the exact name.
  await page.getByRole("button", { name: "Delete repository" }).click();
  const dialog = page.getByRole("dialog", { name: `Delete ${path}?` });
  const confirm = dialog.getByRole("button", { name: "Delete repository" });
  await expect(confirm).toBeDisabled();
  // What the deletion frees, looked up as the dialog opens: the one image, nothing shared.
  const freed = formatBytes(image.manifestBytes.length + image.totalSize);
  await expect(dialog.getByTestId("deletion-impact")).toContainText(`Frees ${freed} of ${path}'s storage`);
  await dialog.getByLabel(`Type ${path} to confirm`).fill("web");
  await expect(confirm).toBeDisabled();
  await shot(page, "repository-settings");
  await dialog.getByLabel(`Type ${path} to confirm`).fill(path);
  await expect(confirm).toBeEnabled();
  await confirm.click();
  await expect(page).toHaveURL(new RegExp(`/u/${owner.username}$`));
  await expect(page.getByTestId("no-repos")).toBeVisible();
  const gone = await skopeoRun([
    "inspect",
    "--raw",
    "--tls-verify=false",
    "--creds",
    `${owner.username}:${owner.password}`,
    `docker://${registry}/${path}@${image.manifestDigest}`,
  ]);
  expect(gone.code).not.toBe(0);
  expect((await page.goto(`/r/${path}`))?.status()).toBe(404);
});
