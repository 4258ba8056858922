import crypto from "node:crypto";
import type { Page } from "@playwright/test";

/** A fresh username valid as a namespace (4–30 lowercase letters and digits). */
export function uniqueUsername(prefix = "u"): string {
  return `${prefix}${Date.now().toString(36)}${crypto.randomBytes(3).toString("hex")}`.slice(0, 30);
}

export type TestAccount = { username: string; email: string; password: string };

export function newAccount(prefix = "u"): TestAccount {
  const username = uniqueUsername(prefix);
  return { username, email: `${username}@example.test`, password: `pw-${crypto.randomBytes(9).toString("hex")}` };
}

/** Signs up through the real form; leaves the page signed in. */
export async function signUp(page: Page, account: TestAccount = newAccount()): Promise<TestAccount> {
  await page.goto("/signup");
  await page.getByLabel("Username").fill(account.username);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.getByTestId("signed-in-as").filter({ hasText: account.username }).waitFor();
  return account;
}

/** Signs in through the real form (password step only). */
export async function signIn(page: Page, account: Pick<TestAccount, "username" | "password">): Promise<void> {
  // A page whose session just ended may still be refreshing itself (its router re-fetches the
  // signed-out page), which aborts this navigation (net::ERR_ABORTED, seen once under load): go again.
  await page.goto("/signin").catch(async (err: unknown) => {
    if (!String(err).includes("ERR_ABORTED")) throw err;
    await page.goto("/signin");
  });
  await page.getByLabel("Username or email").fill(account.username);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/**
 * Signs out with the header's button (in the avatar menu on wide screens, in the menu drawer on
 * phones) and waits until the signed-out header is back (so the next navigation cannot race it).
 * Exact name: Settings → Security also has "Sign out everywhere".
 */
export async function signOut(page: Page): Promise<void> {
  const avatar = page.getByTestId("signed-in-as");
  if (await avatar.isVisible()) await avatar.click();
  else await page.getByRole("button", { name: "Menu", exact: true }).click();
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await page.getByRole("link", { name: "Sign in" }).waitFor();
}
