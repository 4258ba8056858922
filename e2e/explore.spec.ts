import { expect, test } from "@playwright/test";
import { signUp } from "./support/factory";
import { shot } from "./support/shot";

async function createRepository(
  page: import("@playwright/test").Page,
  name: string,
  description: string,
  visibility: "public" | "private",
) {
  await page.goto("/repositories/new");
  await page.getByLabel("Repository name").fill(name);
  await page.getByLabel("Short description").fill(description);
  await page.getByLabel(visibility === "public" ? "Public: anyone can pull" : "Private: only people you grant").check();
  await page.getByRole("button", { name: "Create" }).click();
  await expect(page).toHaveURL(new RegExp(`/r/.+/${name}\\?created=1$`));
}

test("explore finds public repositories only; stars count and show in Starred", async ({ page, browser }) => {
  const author = await signUp(page);
  const marker = author.username.slice(-8);
  await createRepository(page, "tool", `Handy tool ${marker}`, "public");
  await createRepository(page, "secret", `Hidden thing ${marker}`, "private");

  const other = await browser.newContext();
  const fan = await other.newPage();
  await signUp(fan);
  await fan.getByRole("link", { name: "Explore" }).click();
  await fan.getByLabel("Search").fill(marker);
  await fan.getByRole("button", { name: "Search" }).click();
  await expect(fan.getByTestId("explore-count")).toHaveText("1 result");
  await expect(fan.getByTestId("repository-item")).toContainText(`${author.username}/tool`);
  await shot(fan, "explore");

  await fan.getByRole("link", { name: `${author.username}/tool` }).click();
  await fan.getByRole("button", { name: /☆ Star/ }).click();
  await expect(fan.getByRole("button", { name: /★ Starred/ })).toContainText("1");
  await fan.getByTestId("signed-in-as").click();
  await fan.getByRole("link", { name: "Starred" }).click();
  await expect(fan.getByTestId("repository-item")).toContainText(`${author.username}/tool`);
  await expect(fan.getByTestId("repository-item")).toContainText(/0 pulls · 1 star(?!s)/);

  // Unstar brings the count back; the private repository cannot be starred by direct URL either.
  await fan.goto(`/r/${author.username}/tool`);
  await fan.getByRole("button", { name: /★ Starred/ }).click();
  await expect(fan.getByRole("button", { name: /☆ Star/ })).toContainText("0");
  expect((await fan.goto(`/r/${author.username}/secret`))?.status()).toBe(404);
  await other.close();
});
