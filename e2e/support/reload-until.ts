import { expect, type Page } from "@playwright/test";

/** The index fills from registry events a moment after a push or pull: reload until `check` passes. */
export async function reloadUntil(page: Page, check: () => Promise<void>, timeout = 20_000): Promise<void> {
  await expect(async () => {
    await page.reload();
    await check();
  }).toPass({ timeout, intervals: [250, 500, 1000] });
}
