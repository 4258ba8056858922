/**
 * The colour theme a visitor chose with the footer's switch. "system" follows the operating system
 * (`prefers-color-scheme`); the choice lives in a cookie so the server renders `<html data-theme>`
 * already right, with no flash of the other theme and no inline script (app/theme.css).
 */
export const THEMES = ["system", "light", "dark"] as const;
export type Theme = (typeof THEMES)[number];

export const THEME_COOKIE = "theme";
/** A year: the choice is a preference, not a session. */
export const THEME_COOKIE_MAX_AGE = 60 * 60 * 24 * 365;

export function parseTheme(value: string | undefined): Theme {
  return (THEMES as readonly string[]).includes(value ?? "") ? (value as Theme) : "system";
}
