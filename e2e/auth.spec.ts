import { expect, test } from "@playwright/test";
import { newAccount, signIn, signOut, signUp } from "./support/factory";
import { shot } from "./support/shot";

test("sign-up shows a field-level message for each kind of bad input and creates nothing", async ({ page }) => {
  const taken = await signUp(page);
  await signOut(page);
  await page.goto("/signup");
  const submit = page.getByRole("button", { name: "Create account" });
  const username = page.getByLabel("Username");
  const email = page.getByLabel("Email");
  const password = page.getByLabel("Password");

  await submit.click();
  await expect(page.locator("#field-username-error")).toHaveText("Must be at least 4 characters");
  await expect(page.locator("#field-email-error")).toHaveText("Enter an email address");

  const cases: Array<[string, string, string, string, string]> = [
    [
      "Bad_Name",
      "a@example.test",
      "long-enough-password",
      "username",
      "Use only lowercase letters (a–z) and digits (0–9)",
    ],
    ["x".repeat(31), "a@example.test", "long-enough-password", "username", "Must be at most 30 characters"],
    ["library", "a@example.test", "long-enough-password", "username", "This name is reserved"],
    [taken.username, "other@example.test", "long-enough-password", "username", "This name is already taken"],
    [newAccount().username, taken.email, "long-enough-password", "email", "An account with this email already exists"],
    [newAccount().username, "not-an-email", "long-enough-password", "email", "Enter a valid email address"],
    [newAccount().username, "b@example.test", "short", "password", "Must be at least 10 characters"],
    [newAccount().username, "c@example.test", "password123", "password", "This password is too common; choose another"],
  ];
  for (const [u, e, p, field, message] of cases) {
    await username.fill(u);
    await email.fill(e);
    await password.fill(p);
    await submit.click();
    await expect(page.locator(`#field-${field}-error`), `${u} / ${e} / ${p}`).toHaveText(message);
    // What was typed stays (except the password), so people fix one field rather than retype all.
    await expect(username).toHaveValue(u);
  }
  await shot(page, "signup-errors");
  await expect(page.getByTestId("signed-in-as")).toHaveCount(0);
});

test("sign up, sign out, sign in with username and with email; wrong password is refused", async ({ page }) => {
  const account = await signUp(page);
  await expect(page).toHaveURL(/\/settings\/general/);
  await signOut(page);
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  // Signing out removes the session cookie, not only the server-side session.
  expect((await page.context().cookies()).map((c) => c.name)).not.toContain("authjs.session-token");

  await signIn(page, { username: account.username, password: "wrong-password-here" });
  await expect(page.getByTestId("form-error")).toHaveText("Incorrect username or password.");
  await expect(page.getByLabel("Username or email")).toHaveValue(account.username);
  await shot(page, "signin-error");

  await signIn(page, { username: account.email, password: account.password });
  await expect(page.getByTestId("signed-in-as")).toHaveText(account.username);
});

test("signed-out visitors are sent to sign in and come back where they were going", async ({ page }) => {
  const account = await signUp(page);
  await signOut(page);
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  await page.goto("/settings/security");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fsettings%2Fsecurity/);
  await page.getByLabel("Username or email").fill(account.username);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/settings\/security$/);
});
