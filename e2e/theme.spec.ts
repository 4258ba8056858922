import { expect, test, type Page } from "@playwright/test";
import { signUp } from "./support/factory";
import { seriousA11yViolations } from "./support/a11y";
import { shot } from "./support/shot";

/** The page background as the browser painted it, and how dark it is (0 black … 255 white). */
async function pageBrightness(page: Page): Promise<number> {
  return page.evaluate(() => {
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = 1;
    const ctx = canvas.getContext("2d")!;
    ctx.fillStyle = getComputedStyle(document.documentElement).backgroundColor;
    ctx.fillRect(0, 0, 1, 1);
    const [r = 0, g = 0, b = 0] = ctx.getImageData(0, 0, 1, 1).data;
    return Math.round((r + g + b) / 3);
  });
}

test("theme: follows the system until a theme is picked; the pick survives a reload and beats the system", async ({
  page,
}) => {
  await signUp(page);
  await page.goto("/repositories");
  const theme = page.getByRole("radiogroup", { name: "Theme" });
  await expect(theme.getByRole("radio", { name: "System" })).toHaveAttribute("aria-checked", "true");

  // System: light, then dark, without a reload.
  await page.emulateMedia({ colorScheme: "light" });
  expect(await pageBrightness(page)).toBeGreaterThan(200);
  await page.emulateMedia({ colorScheme: "dark" });
  expect(await pageBrightness(page)).toBeLessThan(60);

  // Light picked on a dark system: light at once, and after a reload (the server renders the choice).
  await theme.getByRole("radio", { name: "Light" }).click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
  expect(await pageBrightness(page)).toBeGreaterThan(200);
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
  await expect(page.getByRole("radio", { name: "Light" })).toHaveAttribute("aria-checked", "true");
  expect(await pageBrightness(page)).toBeGreaterThan(200);

  // Dark picked on a light system, then checked by axe with the choice (not the system) in force.
  await page.emulateMedia({ colorScheme: "light" });
  await page.getByRole("radio", { name: "Dark" }).click();
  expect(await pageBrightness(page)).toBeLessThan(60);
  await page.goto("/settings/tokens");
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  expect(await pageBrightness(page)).toBeLessThan(60);
  expect(await seriousA11yViolations(page)).toEqual([]);
  await shot(page, "theme-dark-tokens");

  // Back to System: the light system wins again, and an unknown cookie value means System.
  await page.getByRole("radio", { name: "System" }).click();
  expect(await pageBrightness(page)).toBeGreaterThan(200);
  await page.context().addCookies([{ name: "theme", value: "purple", url: page.url() }]);
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "system");
});
