import { expect, test } from "@playwright/test";
import { newAccount, signIn, signUp } from "./support/factory";
import { waitForE2eMail } from "./support/mail";
import { shot } from "./support/shot";

const linkIn = (text: string) => /https?:\/\/\S+verify-email\?token=[A-Za-z0-9_-]+/.exec(text)?.[0];

test("profile: bad and too long input is refused, good values show on the public profile", async ({
  page,
  browser,
}) => {
  const account = await signUp(page);
  await expect(page).toHaveURL(/\/settings\/general\?welcome=1$/);
  await expect(page.getByRole("status").filter({ hasText: "Welcome to Dockyard" })).toBeVisible();
  await page.getByLabel("Website").fill("javascript:alert(1)");
  // The inputs cap their length; a client that ignores that still meets the server's limit.
  await page.getByLabel("Company").evaluate((el) => el.removeAttribute("maxlength"));
  await page.getByLabel("Company").fill("x".repeat(101));
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.locator("#field-website-error")).toHaveText(
    "Enter a web address starting with http:// or https://",
  );
  await expect(page.locator("#field-company-error")).toHaveText("Must be at most 100 characters");
  await shot(page, "settings-general-errors");

  await page.getByLabel("Full name").fill("Ada <b>Lovelace</b>");
  await page.getByLabel("Company").fill("Analytical Engines");
  await page.getByLabel("Location").fill("London");
  await page.getByLabel("Website").fill("https://example.com/ada");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByTestId("form-success")).toHaveText("Profile saved.");
  await shot(page, "settings-general-saved");
  await page.reload();
  await expect(page.getByLabel("Company")).toHaveValue("Analytical Engines");

  await page.goto(`/u/${account.username}`);
  await expect(page.getByRole("heading", { name: "Your repositories" })).toBeVisible();
  await expect(page.getByTestId("repositories-empty")).toContainText("You have no repositories yet.");
  await expect(page.getByTestId("no-repos")).toContainText("Create one");

  // What everyone else sees.
  const anonymous = await browser.newContext();
  const visitor = await anonymous.newPage();
  const response = await visitor.goto(`/u/${account.username}`);
  expect(response?.status()).toBe(200);
  const card = visitor.getByTestId("profile-card");
  await expect(card.getByRole("heading", { level: 1 })).toHaveText("Ada <b>Lovelace</b>"); // text, not markup
  await expect(card).toContainText(account.username);
  await expect(card).toContainText("Analytical Engines");
  await expect(card).toContainText("London");
  await expect(card).toContainText(/Joined (just now|\d+ minutes? ago)/);
  await expect(card.locator("time")).toHaveAttribute("title", /^\w{3} \d{1,2}, \d{4}, \d{2}:\d{2} UTC$/);
  await expect(card.getByRole("link", { name: "https://example.com/ada" })).toHaveAttribute(
    "rel",
    "nofollow ugc noopener",
  );
  await expect(visitor.getByRole("heading", { name: "Public repositories" })).toBeVisible();
  await expect(visitor.getByTestId("repositories-empty")).toHaveText(
    `${account.username} has no public repositories yet.`,
  );
  await shot(visitor, "profile");

  const missing = await visitor.goto("/u/nosuchuser0000");
  expect(missing?.status()).toBe(404);
  await expect(visitor.getByRole("heading", { name: "No such user" })).toBeVisible();
  await shot(visitor, "profile-not-found");
  await anonymous.close();
});

test("email change: field errors, then the emailed link (and only the newest) confirms the address", async ({
  page,
  browser,
}) => {
  const other = await browser.newContext();
  const taken = await signUp(await other.newPage());
  await other.close();
  const account = await signUp(page);
  const email = page.getByTestId("email-form");
  const send = email.getByRole("button", { name: "Send confirmation link" });

  await send.click();
  await expect(page.locator("#new-email-error")).toHaveText("Enter an email address");
  await expect(page.locator("#email-current-password-error")).toHaveText("Enter your current password");
  await page.getByLabel("New email").fill("not-an-address");
  await page.locator("#email-current-password").fill(account.password);
  await send.click();
  await expect(page.locator("#new-email-error")).toHaveText("Enter a valid email address");
  await page.getByLabel("New email").fill(taken.email);
  await page.locator("#email-current-password").fill(account.password);
  await send.click();
  await expect(page.locator("#new-email-error")).toHaveText("An account with this email already exists");

  const next = `${account.username}-new@example.test`;
  await page.getByLabel("New email").fill(next);
  await page.locator("#email-current-password").fill("not-my-password");
  await send.click();
  await expect(page.locator("#email-current-password-error")).toHaveText("Your current password is not correct");
  await expect(page.getByTestId("pending-email")).toHaveCount(0);

  await page.locator("#email-current-password").fill(account.password);
  await send.click();
  await expect(email.getByTestId("form-success")).toContainText(`Check ${next}`);
  await expect(page.getByTestId("pending-email")).toContainText(`Pending: check ${next}`);
  await expect(page.getByTestId("current-email")).toContainText(`${account.email} Not verified`);
  await shot(page, "settings-general-email-pending");
  const first = linkIn((await waitForE2eMail((m) => m.to.includes(next))).text)!;

  await page.getByRole("button", { name: "Resend link" }).click();
  await expect(page.getByTestId("pending-email").getByTestId("form-success")).toHaveText(
    `We sent a new link to ${next}. Earlier links no longer work.`,
  );
  const second = linkIn((await waitForE2eMail((m) => m.to.includes(next) && linkIn(m.text) !== first)).text)!;

  await page.goto(first);
  await expect(page.getByRole("heading", { name: "This link does not work" })).toBeVisible();
  await expect(page.getByTestId("verify-result")).toHaveText(
    "This link is invalid, already used or expired. Ask for a new one from your settings.",
  );
  await page.goto("/settings/general");
  await expect(page.getByTestId("current-email")).toContainText(account.email);

  await page.goto(second);
  await expect(page.getByRole("heading", { name: "Email address confirmed" })).toBeVisible();
  await expect(page.getByTestId("verify-result")).toHaveText(`${next} is now the email address of your account.`);
  await shot(page, "verify-email-ok");
  await page.goto(second);
  await expect(page.getByTestId("verify-result")).toContainText("invalid, already used or expired");
  await shot(page, "verify-email-error");
  await page.goto("/verify-email");
  await expect(page.getByTestId("verify-result")).toHaveText(
    "This link is incomplete. Copy the whole link from the email.",
  );

  await page.getByRole("link", { name: "Go to settings" }).click();
  await expect(page.getByTestId("current-email")).toHaveText(`${next} Verified`);
  await expect(page.getByTestId("pending-email")).toHaveCount(0);
});

test("email change: when the mail cannot be sent the request stays and can be resent", async ({ page }) => {
  const account = await signUp(page);
  // The test SMTP server refuses recipients starting with "bounce".
  const next = `bounce-${account.username}@example.test`;
  await page.getByLabel("New email").fill(next);
  await page.locator("#email-current-password").fill(account.password);
  await page.getByRole("button", { name: "Send confirmation link" }).click();
  await expect(page.getByTestId("email-form").getByTestId("form-error")).toHaveText(
    `We could not send the email to ${next} right now. Your request is saved: use "Resend link" in a moment.`,
  );
  await expect(page.getByTestId("pending-email")).toContainText(`Pending: check ${next}`);
  await page.getByRole("button", { name: "Resend link" }).click();
  await expect(page.getByTestId("pending-email").getByTestId("form-error")).toContainText(
    `We could not send the email to ${next} right now.`,
  );
  await shot(page, "settings-general-email-send-failed");
  await page.reload();
  await expect(page.getByTestId("pending-email")).toContainText(next);
  await expect(page.getByTestId("current-email")).toContainText(account.email);
});

test("password change signs out the other browser, keeps this one", async ({ page, browser }) => {
  const account = await signUp(page);
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, account);
  await expect(otherPage.getByTestId("signed-in-as")).toHaveText(account.username);

  const change = page.getByRole("button", { name: "Change password" });
  await change.click();
  await expect(page.locator("#field-currentPassword-error")).toHaveText("Enter your current password");
  await expect(page.locator("#field-newPassword-error")).toHaveText("Must be at least 10 characters");

  const next = "a-brand-new-password";
  await page.locator("#field-currentPassword").fill("not-my-password");
  await page.getByLabel("New password", { exact: true }).fill(next);
  await page.getByLabel("Confirm new password").fill(next);
  await change.click();
  await expect(page.locator("#field-currentPassword-error")).toHaveText("Your current password is not correct");

  await page.locator("#field-currentPassword").fill(account.password);
  await page.getByLabel("New password", { exact: true }).fill("short");
  await page.getByLabel("Confirm new password").fill("different");
  await change.click();
  await expect(page.locator("#field-newPassword-error")).toHaveText("Must be at least 10 characters");
  await expect(page.locator("#field-confirmPassword-error")).toHaveText("The passwords do not match");
  await page.locator("#field-currentPassword").fill(account.password);
  await page.getByLabel("New password", { exact: true }).fill("x".repeat(257));
  await page.getByLabel("Confirm new password").fill("x".repeat(257));
  await change.click();
  await expect(page.locator("#field-newPassword-error")).toHaveText("Must be at most 256 characters");
  // Nothing changed so far: the other browser is still signed in.
  await otherPage.goto("/settings/general");
  await expect(otherPage.getByTestId("signed-in-as")).toHaveText(account.username);

  await page.locator("#field-currentPassword").fill(account.password);
  await page.getByLabel("New password", { exact: true }).fill(next);
  await page.getByLabel("Confirm new password").fill(next);
  await change.click();
  await expect(page.getByText("Password changed. 1 other session was signed out.")).toBeVisible();
  await expect(page.locator("#field-currentPassword")).toHaveValue("");

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
  await expect(page.getByLabel(/^Public/)).toBeChecked();
  await page.getByLabel(/^Private/).check();
  await page.getByRole("button", { name: "Save default privacy" }).click();
  await expect(page.getByText("New repositories will be private.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel(/^Private/)).toBeChecked();
});

test("deactivation needs the typed name and password, signs out, and the account can no longer sign in", async ({
  page,
}) => {
  const account = await signUp(page);
  await page.goto("/settings/account");
  await expect(
    page.getByText("You will be signed out everywhere and every personal access token stops working at once"),
  ).toBeVisible();
  await shot(page, "account");
  const deactivate = page.getByRole("button", { name: "Deactivate account" });
  const confirmation = page.getByLabel(`Type ${account.username} to confirm`);

  await deactivate.click();
  await expect(page.locator("#field-confirmation-error")).toHaveText("Type your username to confirm");
  await expect(page.locator("#field-currentPassword-error")).toHaveText("Enter your current password");
  await confirmation.fill("not-me");
  await page.getByLabel("Current password").fill(account.password);
  await deactivate.click();
  await expect(page.locator("#field-confirmation-error")).toHaveText(`Type ${account.username} to confirm`);
  await shot(page, "account-deactivate-error");
  await confirmation.fill(account.username);
  await page.getByLabel("Current password").fill("not-my-password");
  await deactivate.click();
  await expect(page.locator("#field-currentPassword-error")).toHaveText("Your current password is not correct");
  await page.goto("/settings/general");
  await expect(page.getByTestId("signed-in-as")).toHaveText(account.username);

  await page.goto("/settings/account");
  await confirmation.fill(account.username);
  await page.getByLabel("Current password").fill(account.password);
  await deactivate.click();
  await expect(page).toHaveURL(/\/\?deactivated=1$/);
  await expect(
    page.getByText("Your account has been deactivated and you have been signed out everywhere."),
  ).toBeVisible();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  await shot(page, "home-deactivated");

  await signIn(page, account);
  // The same answer as a wrong password (a deactivated account is not confirmed to a guesser).
  await expect(page.getByTestId("form-error")).toHaveText("Incorrect username or password.");
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
