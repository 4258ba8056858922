import type { Page } from "@playwright/test";

export const DESKTOP_WIDTH = 1280;
export const PHONE = { width: 390, height: 844 };
/** The narrowest phone the console is made for: the page tour checks it too (no screenshot). */
export const NARROWEST = 360;

/** Where screenshots go: under the run's output folder (PW_OUTPUT_DIR), as scripts/test.sh expects. */
export const SCREENSHOT_DIR = `${process.env.PW_OUTPUT_DIR ?? "test-results"}/screenshots`;

/**
 * Saves a full-page screenshot at 1280 px wide (`name.png`) and at 390 px (`name@390.png`), then
 * gives the page back at the viewport it had, so every page is looked at on a phone too.
 */
export async function shot(page: Page, name: string, dir = SCREENSHOT_DIR): Promise<void> {
  await atWidths(page, async (width) => {
    await page.screenshot({ path: `${dir}/${name}${width === PHONE.width ? `@${width}` : ""}.png`, fullPage: true });
  });
}

/** Runs `check` at 1280 px and then at 390 px wide, restoring the viewport afterwards. */
export async function atWidths(page: Page, check: (width: number) => Promise<void>): Promise<void> {
  const before = page.viewportSize() ?? { width: DESKTOP_WIDTH, height: 720 };
  try {
    await page.setViewportSize({ width: DESKTOP_WIDTH, height: before.height });
    await check(DESKTOP_WIDTH);
    await page.setViewportSize(PHONE);
    await check(PHONE.width);
  } finally {
    await page.setViewportSize(before);
  }
}

/**
 * The page's width beyond the viewport (0 when nothing scrolls sideways), and the outermost
 * elements sticking out past the right edge, named so a failure says where to look.
 */
export async function sidewaysOverflow(page: Page): Promise<{ excess: number; culprits: string[] }> {
  return page.evaluate(() => {
    const vw = window.innerWidth;
    const excess = document.documentElement.scrollWidth - vw;
    const sticksOut = (e: Element) => e.getBoundingClientRect().right > vw + 0.5;
    const name = (e: Element) =>
      `${e.tagName.toLowerCase()}${e.getAttribute("data-testid") ? `[data-testid=${e.getAttribute("data-testid")}]` : ""}.${(e.getAttribute("class") ?? "").split(/\s+/).slice(0, 6).join(".")} (${Math.round(e.getBoundingClientRect().width)}px) "${(e.textContent ?? "").trim().slice(0, 40)}"`;
    const culprits =
      excess > 0
        ? [...document.body.querySelectorAll("*")]
            // The outermost ones, and positioned ones (an absolute box escapes a scrolling frame
            // that is not its containing block, and widens the page from deep inside it).
            .filter(
              (e) =>
                sticksOut(e) &&
                (!(e.parentElement && sticksOut(e.parentElement)) ||
                  ["absolute", "fixed"].includes(getComputedStyle(e).position)),
            )
            .slice(0, 6)
            .map(name)
        : [];
    return { excess, culprits };
  });
}
