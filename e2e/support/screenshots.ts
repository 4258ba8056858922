import type { Page } from "@playwright/test";

const DIR = `${process.env.PW_OUTPUT_DIR ?? "test-results"}/screenshots`;

/** Full-page screenshots at desktop (1280 px) and phone (390 px) widths, then back to the page's own size. */
export async function shotBoth(page: Page, name: string): Promise<void> {
  const original = page.viewportSize();
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${DIR}/${name}-${width}.png`, fullPage: true });
  }
  if (original) await page.setViewportSize(original);
}
