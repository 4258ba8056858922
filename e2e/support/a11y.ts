import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";

export const COLOR_SCHEMES = ["light", "dark"] as const;
export type ColorScheme = (typeof COLOR_SCHEMES)[number];

/**
 * axe-core's serious and critical findings on the page as it is now (WCAG 2.1 A and AA rules and
 * best practices), one line each with the offending elements, so a failure says what to fix.
 * Minor and moderate findings are not counted.
 */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
    .analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/**
 * Runs `check` with the system preference set to light, then to dark (the console follows
 * `prefers-color-scheme` until someone picks a theme), and leaves the page in light.
 */
export async function inBothSchemes(page: Page, check: (scheme: ColorScheme) => Promise<void>): Promise<void> {
  try {
    for (const scheme of COLOR_SCHEMES) {
      await page.emulateMedia({ colorScheme: scheme });
      await check(scheme);
    }
  } finally {
    await page.emulateMedia({ colorScheme: "light" });
  }
}
