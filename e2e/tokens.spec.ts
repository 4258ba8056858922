import { expect, test } from "@playwright/test";
import { signUp } from "./support/factory";
import { shot } from "./support/shot";

test("create a token, see its secret once, use it, deactivate, activate and delete it", async ({ page }) => {
  const account = await signUp(page);
  await page.goto("/settings/tokens");
  await expect(
    page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Personal access tokens" }),
  ).toHaveAttribute("aria-current", "page");
  await expect(page.getByTestId("tokens-empty")).toBeVisible();
  await shot(page, "tokens-empty");

  await page.getByRole("button", { name: "Generate token" }).click();
  await expect(page.locator("#field-description-error")).toHaveText("Enter a description");
  await shot(page, "tokens-field-error");

  await page.getByLabel("Description").fill("CI pipeline");
  await page.getByLabel(/Read-only/).check();
  await page.getByLabel("Expiration").selectOption("30");
  await page.getByRole("button", { name: "Generate token" }).click();
  const secret = (await page.getByTestId("token-secret").textContent())!.trim();
  expect(secret).toMatch(/^rcp_[0-9A-Za-z]{40}$/);
  const health = await (await page.request.get("/api/health")).json();
  await expect(page.getByText(`docker login -u ${account.username} ${health.registry.host}`)).toBeVisible();
  await expect(page.getByText(/won.t be able to see it again/)).toBeVisible();
  await expect(page.getByRole("button", { name: /Copy token/ })).toBeVisible();
  await expect(
    page.getByRole("button", { name: `Copy: docker login -u ${account.username} ${health.registry.host}` }),
  ).toBeVisible();
  await shot(page, "tokens-secret");

  await page.reload();
  await expect(page.getByTestId("token-secret")).toHaveCount(0);
  await expect(page.locator("body")).not.toContainText(secret);
  const row = page.getByTestId("token-row").filter({ hasText: "CI pipeline" });
  await expect(row).toContainText("Read-only");
  await expect(row).toContainText("Active");
  await expect(row).toContainText(secret.slice(0, 8));
  // Columns: description, scope, status, created, last used, expires.
  await expect(row.locator("td").nth(4)).toHaveText("Never");
  const in30Days = new Intl.DateTimeFormat("en", {
    year: "numeric",
    month: "short",
    day: "numeric",
    timeZone: "UTC",
  }).format(Date.now() + 30 * 24 * 3600 * 1000);
  // Relative text, with the exact UTC moment as the tooltip (30 days is "next month" or, a moment later, "in 30 days").
  await expect(row.locator("td").nth(5)).toHaveText(/^(in 30 days|next month)$/);
  await expect(row.locator("td").nth(5).locator("time")).toHaveAttribute(
    "title",
    new RegExp(`^${in30Days}, \\d{2}:\\d{2} UTC$`),
  );
  await expect(row.locator("td").nth(3).locator("time")).toHaveAttribute(
    "title",
    /^\w{3} \d{1,2}, \d{4}, \d{2}:\d{2} UTC$/,
  );
  await expect(row.locator("td").nth(3)).toHaveText("just now");
  await shot(page, "tokens-list");

  const api = (s: string) => page.request.get("/api/v1/user", { headers: { Authorization: `Bearer ${s}` } });
  expect((await api(secret)).status()).toBe(200);
  expect((await (await api(secret)).json()).username).toBe(account.username);

  await row.getByRole("button", { name: "Deactivate CI pipeline" }).click();
  await expect(row).toContainText("Inactive");
  expect((await api(secret)).status()).toBe(401);
  await row.getByRole("button", { name: "Activate CI pipeline" }).click();
  await expect(row).toContainText("Active");
  expect((await api(secret)).status()).toBe(200);
  await page.reload();
  // The API calls above were recorded as the token's last use.
  await expect(row.locator("td").nth(4)).toHaveText("just now");

  await row.getByRole("button", { name: "Delete CI pipeline" }).click();
  await page
    .getByRole("dialog", { name: "Delete the token “CI pipeline”?" })
    .getByRole("button", { name: "Delete token" })
    .click();
  await expect(page.getByTestId("tokens-empty")).toBeVisible();
  expect((await api(secret)).status()).toBe(401);
});
