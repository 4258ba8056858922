import type { Page } from "@playwright/test";

/** Full-page screenshots of the current page at desktop (1280 px) and phone (390 px) widths. */
export async function shotBoth(page: Page, name: string, dir = process.env.PW_OUTPUT_DIR ?? "test-results") {
  const before = page.viewportSize();
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${dir}/screenshots/${name}-${width}.png`, fullPage: true });
  }
  if (before) await page.setViewportSize(before);
}
