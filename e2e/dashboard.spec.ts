import { expect, test } from "@playwright/test";
import { signUp } from "./support/factory";
import { shot } from "./support/shot";

test("create repositories with live validation, then find them on the dashboard by search and sort", async ({
  page,
}) => {
  const owner = await signUp(page);
  // Signed in, the home page is the repositories dashboard.
  await page.goto("/");
  await expect(page).toHaveURL(/\/repositories$/);
  await expect(page.getByTestId("repositories-empty")).toContainText(`No repositories in ${owner.username} yet`);
  await shot(page, "dashboard-empty");

  await page.getByRole("link", { name: "Create repository" }).click();
  const name = page.getByLabel("Repository name");
  await page.getByRole("button", { name: "Create" }).click();
  await expect(page.locator("#field-name-error")).toHaveText("Must be at least 2 characters");
  await name.fill("Bad_Name-");
  await expect(page.locator("#field-name-error")).toContainText("Use lowercase letters");
  await name.fill("web");
  await expect(page.getByTestId("name-available")).toHaveText(`${owner.username}/web is available`);
  await page.getByLabel("Short description").fill("x".repeat(100));
  await page.getByLabel("Private: only people you grant").check();
  await page.getByRole("button", { name: "Create" }).click();
  await expect(page).toHaveURL(new RegExp(`/r/${owner.username}/web\\?created=1$`));
  await expect(page.getByTestId("push-instructions")).toContainText(`docker push`);
  await expect(page.getByTestId("visibility")).toHaveText("Private");
  await shot(page, "repository-created");

  await page.goto("/repositories/new");
  await page.getByLabel("Repository name").fill("web");
  await expect(page.locator("#field-name-error")).toHaveText(`${owner.username}/web already exists`);
  await page.getByRole("button", { name: "Create" }).click();
  await expect(page.locator("#field-name-error")).toHaveText(`${owner.username}/web already exists`);
  await page.getByLabel("Repository name").fill("api");
  await page.getByRole("button", { name: "Create" }).click();
  await expect(page).toHaveURL(/\/r\/.+\/api\?created=1$/);

  await page.goto("/repositories?sort=name");
  await expect(page.getByTestId("repository-count")).toHaveText("2 repositories");
  await expect(page.getByTestId("repository-item").first()).toContainText("api");
  await page.getByLabel("Search by name").fill("we");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/q=we/);
  await expect(page.getByTestId("repository-item")).toHaveCount(1);
  await expect(page.getByTestId("repository-item")).toContainText("web");
  await shot(page, "dashboard");
  await page.goto("/repositories?q=nothing-like-this");
  await expect(page.getByTestId("repositories-empty")).toContainText("matches");
});
