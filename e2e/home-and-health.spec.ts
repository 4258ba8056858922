import { expect, test } from "@playwright/test";
import { shot } from "./support/shot";

test("the home page shows the registry host, status and push instructions", async ({ page, baseURL }) => {
  const health = await (await page.request.get("/api/health")).json();
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("container registry");
  await expect(page.getByText("All systems operational")).toBeVisible();
  await expect(page.getByText(`docker login ${health.registry.host}`)).toBeVisible();
  await shot(page, "home");
  expect(baseURL).toBeTruthy();
});

test("the status page shows both services up and re-checks on demand", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Status" }).click();
  await expect(page).toHaveURL(/\/health$/);
  await expect(page.getByRole("heading", { name: "System status" })).toBeVisible();
  await expect(page.getByTestId("health-database")).toContainText("Operational");
  await expect(page.getByTestId("health-registry")).toContainText("Operational");
  const recheck = page.waitForResponse((r) => r.url().endsWith("/api/health") && r.status() === 200);
  await page.getByRole("button", { name: "Check again" }).click();
  await recheck;
  await shot(page, "health");
});

test("unknown pages get a real 404 page", async ({ page }) => {
  const res = await page.goto("/no/such/page");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});
