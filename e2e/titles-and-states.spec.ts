import { expect, test } from "@playwright/test";
import { buildImage, pushImage } from "../tests/helpers/oci-image";
import { signUp, uniqueUsername } from "./support/factory";
import { shot } from "./support/shot";

test("every page has its own title; compare has a heading and marks the Tags tab", async ({ page }) => {
  const owner = await signUp(page);
  const registry = (await (await page.request.get("/api/health")).json()).registry.host as string;
  const repository = `${owner.username}/probe`;
  const creds = { registry, repository, username: owner.username, password: owner.password };
  await pushImage(await buildImage({ layers: [{ files: { "a.txt": "one" } }] }), { ...creds, tag: "1.0" });
  await pushImage(await buildImage({ layers: [{ files: { "a.txt": "two" } }] }), { ...creds, tag: "2.0" });

  const titles: Array<[string, string]> = [
    [`/r/${repository}`, `${repository} · Dockyard`],
    [`/r/${repository}/tags`, `Tags · ${repository} · Dockyard`],
    [`/r/${repository}/tags/1.0`, `1.0 · ${repository} · Dockyard`],
    [`/r/${repository}/settings`, `Settings · ${repository} · Dockyard`],
    [`/r/${repository}/webhooks`, `Webhooks · ${repository} · Dockyard`],
    [`/r/${repository}/collaborators`, `Collaborators · ${repository} · Dockyard`],
    ["/settings/tokens", "Personal access tokens · Dockyard"],
    ["/explore", "Explore · Dockyard"],
    ["/invitations", "Invitations · Dockyard"],
  ];
  for (const [path, title] of titles) {
    await page.goto(path);
    await expect(page, path).toHaveTitle(title);
  }

  await page.goto(`/r/${repository}/compare?a=1.0&b=2.0`);
  await expect(page).toHaveTitle(`Compare 1.0 and 2.0 · ${repository} · Dockyard`);
  await expect(page.getByRole("heading", { name: "Compare tags", level: 2 })).toBeVisible();
  const tabs = page.getByRole("navigation", { name: "Repository" });
  await expect(tabs.getByRole("link", { name: "Tags" })).toHaveAttribute("aria-current", "page");
  await expect(tabs.getByRole("link", { name: "General" })).not.toHaveAttribute("aria-current", "page");
  await expect(page.getByTestId("compare-layer").first()).toBeVisible();
  await shot(page, "compare");
  await page.goto(`/r/${repository}/tags/1.0`);
  await expect(tabs.getByRole("link", { name: "Tags" })).toHaveAttribute("aria-current", "page");
});

test("an anonymous visitor to a private or missing repository gets the 404 page with a Sign in link that comes back", async ({
  page,
  browser,
}) => {
  const owner = await signUp(page);
  await page.goto("/repositories/new");
  await page.getByLabel("Repository name").fill("secret");
  await page.getByLabel("Private: only people you grant").check();
  await page.getByRole("button", { name: "Create" }).click();
  await expect(page).toHaveURL(new RegExp(`/r/${owner.username}/secret(\\?created=1)?$`));

  const visitor = await browser.newContext();
  const anon = await visitor.newPage();
  for (const path of [`/r/${owner.username}/secret`, `/r/${uniqueUsername("nobody")}/missing`]) {
    expect((await anon.goto(path))?.status(), path).toBe(404);
    await expect(anon.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await expect(anon).toHaveTitle("Page not found · Dockyard");
    await expect(anon.locator("title")).toHaveCount(1);
    await expect(anon.getByRole("main").getByRole("link", { name: "Sign in" })).toHaveAttribute(
      "href",
      `/signin?callbackUrl=${encodeURIComponent(path)}`,
    );
  }
  await anon.goto(`/r/${owner.username}/secret/tags?sort=name`);
  await shot(anon, "not-found-anonymous");
  await anon.getByRole("main").getByRole("link", { name: "Sign in" }).click();
  await anon.getByLabel("Username or email").fill(owner.username);
  await anon.getByLabel("Password").fill(owner.password);
  await anon.getByRole("button", { name: "Sign in" }).click();
  await expect(anon).toHaveURL(new RegExp(`/r/${owner.username}/secret/tags\\?sort=name$`));
  await expect(anon.getByTestId("visibility")).toHaveText("Private");

  // Signed in without access: the same 404, without the Sign in offer.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signUp(otherPage);
  expect((await otherPage.goto(`/r/${owner.username}/secret`))?.status()).toBe(404);
  await expect(otherPage.getByRole("main").getByRole("link", { name: "Sign in" })).toHaveCount(0);
  await visitor.close();
  await other.close();
});

test("the token table keeps its row actions whole at 1280 px; Delete asks in a dialog", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signUp(page);
  await page.goto("/settings/tokens");
  const description = "Deploy pipeline for the production cluster in eu-west";
  await page.getByLabel("Description").fill(description);
  await page.getByLabel(/Read, Write & Delete/).check();
  await page.getByRole("button", { name: "Generate token" }).click();
  await expect(page.getByTestId("token-secret")).toBeVisible();
  await page.reload();
  const row = page.getByTestId("token-row").filter({ hasText: description });
  const frame = page.locator("div.overflow-x-auto").filter({ has: row });
  for (const name of [`Delete ${description}`, `Deactivate ${description}`]) {
    const button = row.getByRole("button", { name });
    const [b, f] = [await button.boundingBox(), await frame.boundingBox()];
    expect(b && f, name).toBeTruthy();
    expect(b!.x, name).toBeGreaterThanOrEqual(f!.x);
    expect(b!.x + b!.width, name).toBeLessThanOrEqual(f!.x + f!.width);
    // Nothing inside the button is cut off either.
    expect(await button.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  }
  await expect(row.getByRole("button", { name: `Delete ${description}` })).toHaveText("Delete");
  expect(await frame.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  await shot(page, "tokens-table");

  await row.getByRole("button", { name: `Delete ${description}` }).click();
  const dialog = page.getByRole("dialog", { name: `Delete the token “${description}”?` });
  await expect(dialog).toBeVisible();
  await shot(page, "tokens-delete-dialog");
  await dialog.getByRole("button", { name: "Delete token" }).click();
  await expect(page.getByTestId("tokens-empty")).toBeVisible();
});

test("deleting an organization asks for its typed name and the password in one dialog", async ({ page }) => {
  const owner = await signUp(page);
  const org = uniqueUsername("org");
  await page.goto("/orgs/new");
  await page.getByLabel("Organization name").fill(org);
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page).toHaveURL(new RegExp(`/orgs/${org}$`));
  await page.goto(`/orgs/${org}/settings`);
  await expect(page).toHaveTitle(`Settings · ${org} · Dockyard`);
  await page.getByRole("button", { name: "Delete organization" }).click();
  const dialog = page.getByRole("dialog", { name: `Delete ${org}?` });
  const confirm = dialog.getByRole("button", { name: "Delete organization" });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel(`Type ${org} to confirm`).fill(org.slice(0, -1));
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel(`Type ${org} to confirm`).fill(org);
  await dialog.getByLabel("Your password").fill("not-the-password");
  await confirm.click();
  // The service still checks: a wrong password is told inside the dialog, which stays open.
  await expect(dialog.locator("#field-currentPassword-error")).toBeVisible();
  await shot(page, "org-delete-dialog");
  await dialog.getByLabel("Your password").fill(owner.password);
  await confirm.click();
  // Deleted: back to the start, which for a signed-in user is their repositories.
  await expect(page).toHaveURL(/\/repositories$/);
  expect((await page.goto(`/orgs/${org}`))?.status()).toBe(404);
});
