import { expect, test, type Page } from "@playwright/test";
import { Secret, TOTP } from "otpauth";
import { signOut, signUp, type TestAccount } from "./support/factory";

const totp = (secret: string) => new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: "SHA1" });

/** A code from the next period when the current one is about to expire, so it stays valid for the submit. */
function code(secret: string): string {
  const t = totp(secret);
  const remaining = 30 - (Math.floor(Date.now() / 1000) % 30);
  return remaining < 3 ? t.generate({ timestamp: Date.now() + 30_000 }) : t.generate();
}

async function signInStep1(page: Page, account: TestAccount) {
  await page.goto("/signin");
  await page.getByLabel("Username or email").fill(account.username);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Two-factor authentication" })).toBeVisible();
}


test("enable 2FA, sign in with a code and with a recovery code (once), regenerate codes, disable", async ({ page }) => {
  const account = await signUp(page);
  await page.goto("/settings/security");
  await expect(page.getByTestId("2fa-status")).toContainText("Off");
  await page.screenshot({ path: "test-results/screenshots/security-off.png", fullPage: true });

  await page.getByRole("button", { name: "Enable two-factor authentication" }).click();
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
  const secret = (await page.getByTestId("totp-secret").textContent())!.replaceAll(" ", "");
  await page.screenshot({ path: "test-results/screenshots/security-enroll.png", fullPage: true });

  await page.getByLabel("Verification code").fill("000000");
  await page.getByRole("button", { name: "Verify and enable" }).click();
  await expect(page.locator("#field-code-error")).toContainText("That code is not valid");
  await page.getByLabel("Verification code").fill(code(secret));
  await page.getByRole("button", { name: "Verify and enable" }).click();
  await expect(page.getByTestId("recovery-code")).toHaveCount(10);
  const codes = await page.getByTestId("recovery-code").allTextContents();
  expect(codes).toHaveLength(10);
  await page.screenshot({ path: "test-results/screenshots/security-recovery-codes.png", fullPage: true });
  await page.getByRole("button", { name: "I have saved them" }).click();
  await expect(page.getByTestId("2fa-status")).toContainText("Enabled");
  await expect(page.getByTestId("2fa-status")).toContainText("10 of 10 recovery codes left");
  await page.screenshot({ path: "test-results/screenshots/security-on.png", fullPage: true });

  await signOut(page);
  await signInStep1(page, account);
  await page.getByLabel("Authentication code").fill("123456");
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByTestId("form-error")).toContainText("That code is not valid");
  await page.screenshot({ path: "test-results/screenshots/signin-code-error.png", fullPage: true });
  await page.getByLabel("Authentication code").fill(code(secret));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByTestId("signed-in-as")).toHaveText(account.username);

  await signOut(page);
  await signInStep1(page, account);
  await page.getByLabel("Authentication code").fill(codes[0]!);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByTestId("signed-in-as")).toHaveText(account.username);

  await signOut(page);
  await signInStep1(page, account);
  await page.getByLabel("Authentication code").fill(codes[0]!);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByTestId("form-error")).toContainText("That code is not valid");
  await page.getByLabel("Authentication code").fill(codes[1]!.toUpperCase().replace("-", ""));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByTestId("signed-in-as")).toHaveText(account.username);

  await page.goto("/settings/security");
  await expect(page.getByTestId("2fa-status")).toContainText("8 of 10 recovery codes left");
  await page.locator("#regen-code").fill(code(secret));
  await page.getByRole("button", { name: "Regenerate recovery codes" }).click();
  await expect(page.getByTestId("recovery-code")).toHaveCount(10);
  const fresh = await page.getByTestId("recovery-code").allTextContents();
  expect(fresh).toHaveLength(10);
  expect(fresh).not.toContain(codes[2]);
  await page.getByRole("button", { name: "I have saved them" }).click();

  await page.locator("#disable-code").fill("999999");
  await page.getByRole("button", { name: "Disable two-factor authentication" }).click();
  await expect(page.locator("#disable-code-error")).toContainText("That code is not valid");
  await page.locator("#disable-code").fill(code(secret));
  await page.getByRole("button", { name: "Disable two-factor authentication" }).click();
  await expect(page.getByTestId("2fa-status")).toContainText("Off");
});
