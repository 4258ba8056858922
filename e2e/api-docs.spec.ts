import { expect, test } from "@playwright/test";
import { shot } from "./support/shot";

test("the API reference lists every operation of the OpenAPI document and opens one", async ({ page }) => {
  const doc = await (await page.request.get("/api/v1/openapi.json")).json();
  const count = Object.values(doc.paths as Record<string, object>).reduce(
    (n, methods) => n + Object.keys(methods).length,
    0,
  );
  await page.goto("/api-docs");
  await expect(page.getByRole("heading", { name: "API", exact: true })).toBeVisible();
  await expect(page.getByTestId("api-operation")).toHaveCount(count);
  const op = page.locator("#createRepository");
  await op.locator("summary").click();
  await expect(op).toContainText("Read & Write or higher");
  await expect(op).toContainText("visibility");
  await shot(page, "api-docs");
  const link = await page.getByTestId("openapi-link").getAttribute("href");
  expect((await page.request.get(link!)).status()).toBe(200);
});
