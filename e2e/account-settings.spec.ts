import { expect, test } from "@playwright/test";
import { newAccount, signIn, signUp } from "./support/factory";
import { waitForE2eMail } from "./support/mail";

test("profile: bad website is refused, good values show on the public profile", async ({ page }) => {
  const account = await signUp(page);
  await expect(page.getByRole("status").filter({ hasText: "Welcome to Dockyard" })).toBeVisible();
  await page.getByLabel("Website").fill("javascript:alert(1)");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.locator("#field-website-error")).toHaveText("Enter a web address starting with http:// or https://");
  await page.screenshot({ path: "test-results/screenshots/settings-general-errors.png", fullPage: true });

  await page.getByLabel("Full name").fill("Ada <b>Lovelace</b>");
  await page.getByLabel("Company").fill("Analytical Engines");
  await page.getByLabel("Location").fill("London");
  await page.getByLabel("Website").fill("https://example.com/ada");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByTestId("form-success").first()).toHaveText("Profile saved.");
  await page.screenshot({ path: "test-results/screenshots/settings-general-saved.png", fullPage: true });

  await page.goto(`/u/${account.username}`);
  const card = page.getByTestId("profile-card");
  await expect(card.getByRole("heading", { level: 1 })).toHaveText("Ada <b>Lovelace</b>");
  await expect(card).toContainText("Analytical Engines");
  await expect(card.getByRole("link", { name: "https://example.com/ada" })).toHaveAttribute("rel", "nofollow ugc noopener");
  await expect(page.getByTestId("no-public-repos")).toContainText(`${account.username} has no public repositories yet`);
  await page.screenshot({ path: "test-results/screenshots/profile.png", fullPage: true });
});

test("email change is confirmed through the emailed link", async ({ page }) => {
  const account = await signUp(page);
  const next = `${account.username}-new@example.test`;
  await page.getByLabel("New email").fill(next);
  await page.getByRole("button", { name: "Send confirmation link" }).click();
  await expect(page.locator("#email-current-password-error")).toHaveText("Enter your current password");
  await page.locator("#email-current-password").fill("not-my-password");
  await page.getByRole("button", { name: "Send confirmation link" }).click();
  await expect(page.locator("#email-current-password-error")).toHaveText("Your current password is not correct");
  await page.locator("#email-current-password").fill(account.password);
  await page.getByRole("button", { name: "Send confirmation link" }).click();
  await expect(page.getByTestId("form-success")).toContainText(`Check ${next}`);
  await page.reload();
  await expect(page.getByTestId("pending-email")).toContainText(next);
  await expect(page.getByTestId("current-email")).toContainText(account.email);

  const mail = await waitForE2eMail((m) => m.to.includes(next));
  const link = /https?:\/\/\S+verify-email\?token=[A-Za-z0-9_-]+/.exec(mail.text)![0];
  await page.goto(link);
  await expect(page.getByTestId("verify-result")).toContainText(`${next} is now the email address of your account`);
  await page.screenshot({ path: "test-results/screenshots/verify-email-ok.png", fullPage: true });
  await page.goto(link);
  await expect(page.getByTestId("verify-result")).toContainText("invalid, already used or expired");
  await page.screenshot({ path: "test-results/screenshots/verify-email-error.png", fullPage: true });
  await page.goto("/settings/general");
  await expect(page.getByTestId("current-email")).toContainText(next);
  await expect(page.getByTestId("current-email")).toContainText("Verified");
});

test("password change signs out the other browser, keeps this one", async ({ page, browser }) => {
  const account = await signUp(page);
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, account);
  await expect(otherPage.getByTestId("signed-in-as")).toHaveText(account.username);

  await page.getByLabel("Current password").first().fill(account.password);
  await page.getByLabel("New password", { exact: true }).fill("short");
  await page.getByLabel("Confirm new password").fill("different");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.locator("#field-newPassword-error")).toHaveText("Must be at least 10 characters");

  const next = "a-brand-new-password";
  await page.locator("#field-currentPassword").fill(account.password);
  await page.getByLabel("New password", { exact: true }).fill(next);
  await page.getByLabel("Confirm new password").fill(next);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Password changed. 1 other session was signed out.")).toBeVisible();

  await otherPage.goto("/settings/tokens");
  await expect(otherPage).toHaveURL(/\/signin/);
  await page.goto("/settings/tokens");
  await expect(page.getByTestId("signed-in-as")).toHaveText(account.username);

  await signIn(otherPage, account);
  await expect(otherPage.getByTestId("form-error")).toHaveText("Incorrect username or password.");
  await signIn(otherPage, { username: account.username, password: next });
  await expect(otherPage.getByTestId("signed-in-as")).toHaveText(account.username);
  await other.close();
});

test("default privacy is saved", async ({ page }) => {
  await signUp(page);
  await page.getByLabel(/^Private/).check();
  await page.getByRole("button", { name: "Save default privacy" }).click();
  await expect(page.getByText("New repositories will be private.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel(/^Private/)).toBeChecked();
});

test("deactivation needs the typed name, signs out, and the account can no longer sign in", async ({ page }) => {
  const account = await signUp(page);
  await page.goto("/settings/account");
  await page.getByLabel(`Type ${account.username} to confirm`).fill("not-me");
  await page.getByLabel("Current password").fill(account.password);
  await page.getByRole("button", { name: "Deactivate account" }).click();
  await expect(page.locator("#field-confirmation-error")).toHaveText(`Type ${account.username} to confirm`);
  await page.screenshot({ path: "test-results/screenshots/account-deactivate-error.png", fullPage: true });

  await page.getByLabel(`Type ${account.username} to confirm`).fill(account.username);
  await page.getByLabel("Current password").fill(account.password);
  await page.getByRole("button", { name: "Deactivate account" }).click();
  await expect(page.getByText("Your account has been deactivated")).toBeVisible();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();

  await signIn(page, account);
  await expect(page.getByTestId("form-error")).toHaveText("This account has been deactivated.");
  const profile = await page.goto(`/u/${account.username}`);
  expect(profile?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "No such user" })).toBeVisible();

  // The name stays reserved.
  await page.goto("/signup");
  await page.getByLabel("Username").fill(account.username);
  await page.getByLabel("Email").fill(newAccount().email);
  await page.getByLabel("Password").fill("some-long-password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.locator("#field-username-error")).toHaveText("This name is already taken");
});
