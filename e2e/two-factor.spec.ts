import { expect, test, type Page } from "@playwright/test";
import { Secret, TOTP } from "otpauth";
import { signOut, signUp, type TestAccount } from "./support/factory";
import { shot } from "./support/shot";

const totp = (secret: string) =>
  new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: "SHA1" });

/** A code from the next period when the current one is about to expire, so it stays valid for the submit. */
function code(secret: string): string {
  const t = totp(secret);
  const remaining = 30 - (Math.floor(Date.now() / 1000) % 30);
  return remaining < 3 ? t.generate({ timestamp: Date.now() + 30_000 }) : t.generate();
}

/** A 6-digit code outside the ±1-step window of `secret` now, so it is wrong for certain. */
function wrongCode(secret: string): string {
  const t = totp(secret);
  const valid = [-30_000, 0, 30_000, 60_000].map((o) => t.generate({ timestamp: Date.now() + o }));
  return ["000000", "111111", "222222", "333333", "444444"].find((c) => !valid.includes(c))!;
}

async function signInStep1(page: Page, account: TestAccount) {
  await page.goto("/signin");
  await page.getByLabel("Username or email").fill(account.username);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Two-factor authentication" })).toBeVisible();
}

test("enable 2FA, sign in with a code and with a recovery code (once), regenerate codes, disable", async ({
  page,
  browser,
}) => {
  test.setTimeout(150_000); // one long journey: enrolment, four sign-ins, regenerate, disable
  const account = await signUp(page);
  await page.goto("/settings/security");
  await expect(page.getByTestId("2fa-status")).toContainText("Off");
  await shot(page, "security-off");

  await page.getByRole("button", { name: "Enable two-factor authentication" }).click();
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
  const stale = (await page.getByTestId("totp-secret").textContent())!.replaceAll(" ", "");
  // A seal that does not open (tampered, or older than ten minutes) asks for a new QR code.
  await page
    .locator('input[name="enrollment"]')
    .evaluate((el: HTMLInputElement) => (el.value = `${el.value.slice(0, -4)}AAAA`));
  await page.getByLabel("Verification code").fill(code(stale));
  await page.getByRole("button", { name: "Verify and enable" }).click();
  await expect(page.getByTestId("form-error")).toContainText("This setup has expired");
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toHaveCount(0);
  await shot(page, "security-enroll-expired");
  await page.getByRole("button", { name: "Get a new QR code" }).click();
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();

  const grouped = (await page.getByTestId("totp-secret").textContent())!;
  expect(grouped).toMatch(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
  const secret = grouped.replaceAll(" ", "");
  expect(secret).not.toBe(stale);
  await expect(page.getByTestId("2fa-status")).toContainText("Off");
  await shot(page, "security-enroll");

  await page.getByLabel("Verification code").fill(wrongCode(secret));
  await page.getByRole("button", { name: "Verify and enable" }).click();
  await expect(page.locator("#field-code-error")).toContainText("That code is not valid");
  await shot(page, "security-enroll-wrong-code");
  await page.getByLabel("Verification code").fill("12ab");
  await page.getByRole("button", { name: "Verify and enable" }).click();
  await expect(page.locator("#field-code-error")).toContainText("Enter the 6-digit code");
  await page.getByLabel("Verification code").fill(code(secret));
  await page.getByRole("button", { name: "Verify and enable" }).click();
  await expect(page.getByTestId("recovery-code")).toHaveCount(10);
  const codes = await page.getByTestId("recovery-code").allTextContents();
  expect(new Set(codes).size).toBe(10);
  for (const c of codes) expect(c).toMatch(/^[a-z0-9]{5}-[a-z0-9]{5}$/);
  await expect(page.getByText("they will not be shown again")).toBeVisible();
  await expect(page.getByTestId("2fa-status")).toContainText("Enabled just now · 10 of 10 recovery codes left");
  await expect(page.getByRole("button", { name: /^Copy all/ })).toBeVisible();
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download .txt" }).click();
  expect((await download).suggestedFilename()).toBe("dockyard-recovery-codes.txt");
  await shot(page, "security-recovery-codes");
  await page.getByRole("button", { name: "I have saved them" }).click();
  await expect(page.getByTestId("2fa-status")).toContainText("Enabled");
  await expect(page.getByTestId("2fa-status")).toContainText("10 of 10 recovery codes left");
  await shot(page, "security-on");

  await signOut(page);
  await signInStep1(page, account);
  await page.getByLabel("Authentication code").fill(wrongCode(secret));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByTestId("form-error")).toContainText("That code is not valid");
  await shot(page, "signin-code-error");
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
  await shot(page, "security-recovery-codes-regenerated");
  await page.getByRole("button", { name: "I have saved them" }).click();

  await expect(page.getByTestId("recovery-code")).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId("recovery-code")).toHaveCount(0); // shown once: gone after a reload
  await expect(page.getByTestId("2fa-status")).toContainText("10 of 10 recovery codes left");

  // An old code no longer works anywhere: prove it at sign-in in a second browser context.
  const other = await browser.newContext({ baseURL: new URL(page.url()).origin });
  const second = await other.newPage();
  await signInStep1(second, account);
  await second.getByLabel("Authentication code").fill(codes[2]!);
  await second.getByRole("button", { name: "Verify" }).click();
  await expect(second.getByTestId("form-error")).toContainText("That code is not valid");
  await second.getByLabel("Authentication code").fill(fresh[0]!);
  await second.getByRole("button", { name: "Verify" }).click();
  await expect(second.getByTestId("signed-in-as")).toHaveText(account.username);

  await page.locator("#disable-code").fill(wrongCode(secret));
  await page.getByRole("button", { name: "Disable two-factor authentication" }).click();
  await expect(page.locator("#disable-code-error")).toContainText("That code is not valid");
  await shot(page, "security-disable-wrong-code");
  await page.locator("#disable-code").fill(code(secret));
  await page.getByRole("button", { name: "Disable two-factor authentication" }).click();
  await expect(page.getByTestId("2fa-status")).toContainText("Off");
  await expect(page.getByTestId("form-success")).toContainText("Your other sessions were signed out");
  await expect(page.getByRole("button", { name: "Enable two-factor authentication" })).toBeVisible();
  await shot(page, "security-disabled");

  // Disabling ended the other session; this one stays signed in, and the password alone signs in again.
  await second.reload();
  await expect(second.getByRole("link", { name: "Sign in" })).toBeVisible();
  await other.close();
  await signOut(page);
  await page.goto("/signin");
  await page.getByLabel("Username or email").fill(account.username);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signed-in-as")).toHaveText(account.username);
});
