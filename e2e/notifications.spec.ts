import { expect, test, type Page } from "@playwright/test";
import { signUp } from "./support/factory";
import { waitForE2eMail } from "./support/mail";
import { shot } from "./support/shot";

// The header's bell (the settings menu has a "Notifications" link too); its name carries the unread count.
// It opens a dropdown of the latest notifications, whose "See all" goes to the Notifications page.
const bell = (page: Page, name = "Notifications") =>
  page.getByRole("navigation", { name: "Main" }).getByRole("button", { name, exact: true });

async function createToken(page: Page, description: string) {
  await page.goto("/settings/tokens");
  await page.getByLabel("Description").fill(description);
  await page.getByLabel(/Read-only/).check();
  await page.getByLabel("Expiration").selectOption("30");
  await page.getByRole("button", { name: "Generate token" }).click();
  await expect(page.getByTestId("token-secret")).toBeVisible();
}

test("the bell counts new notifications; the list opens them, marks all read and shows the empty state; settings stick", async ({
  page,
}) => {
  const account = await signUp(page);
  // Creating the account signs it in, but that first session is no "new sign-in" worth a notice.
  await expect(bell(page)).toBeVisible();
  await expect(page.getByTestId("notification-count")).toHaveCount(0);

  await createToken(page, "ci");
  await expect(bell(page, "Notifications, 1 unread")).toBeVisible();
  await expect(page.getByTestId("notification-count")).toHaveText("1");
  await shot(page, "header-bell");
  // Email is on by default for this kind: the mail goes out through the job queue.
  const mail = await waitForE2eMail((m) => m.to.includes(account.email) && m.subject === 'Access token "ci" created');
  expect(mail.text).toContain("/settings/tokens");

  await bell(page, "Notifications, 1 unread").click();
  await page.getByRole("dialog", { name: "Notifications" }).getByRole("link", { name: "See all" }).click();
  await expect(page).toHaveURL(/\/notifications$/);
  await expect(page.getByRole("heading", { name: "Notifications", level: 1 })).toBeVisible();
  const item = page.getByTestId("notification-item").filter({ hasText: 'Access token "ci" created' });
  await expect(item).toHaveAttribute("data-unread", "true");
  await expect(item).toContainText("Read-only");
  await expect(item.locator("time")).toHaveText("just now");
  await shot(page, "notifications-page");

  // Opening an item marks it read and goes where it points.
  await item.getByRole("button", { name: 'Access token "ci" created' }).click();
  await expect(page).toHaveURL(/\/settings\/tokens$/);
  await expect(bell(page)).toBeVisible();
  await expect(page.getByTestId("notification-count")).toHaveCount(0);

  // Settings: email off for new tokens, in-app off for pushes; saved across a reload.
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Notifications" }).click();
  await expect(page).toHaveURL(/\/settings\/notifications$/);
  await expect(page.getByTestId("preference-row")).toHaveCount(9);
  // Your own pushes are off by default (as on Docker Hub); pushes by others are on.
  await expect(page.getByRole("checkbox", { name: "My own pushes: In-app" })).not.toBeChecked();
  const tokenEmail = page.getByRole("checkbox", { name: "Access token created: Email" });
  const pushInApp = page.getByRole("checkbox", { name: "Pushes to my repositories: In-app" });
  await expect(tokenEmail).toBeChecked();
  await expect(pushInApp).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "Pushes to my repositories: Email" })).not.toBeChecked();
  await tokenEmail.uncheck();
  await pushInApp.uncheck();
  await page.getByRole("button", { name: "Save notification settings" }).click();
  await expect(page.getByTestId("form-success")).toHaveText("Notification settings saved.");
  await page.reload();
  await expect(tokenEmail).not.toBeChecked();
  await expect(pushInApp).not.toBeChecked();
  await expect(page.getByRole("checkbox", { name: "Access token created: In-app" })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "New sign-in: Email" })).toBeChecked();
  await shot(page, "notification-settings");

  // In-app is still on for tokens: two more show under the bell.
  await createToken(page, "deploy");
  await createToken(page, "nightly");
  await expect(page.getByTestId("notification-count")).toHaveText("2");
  await expect(bell(page, "Notifications, 2 unread")).toBeVisible();

  await page.goto("/notifications?filter=unread");
  await expect(
    page.getByRole("navigation", { name: "Filter notifications" }).getByRole("link", { name: "Unread (2)" }),
  ).toHaveAttribute("aria-current", "page");
  await expect(page.getByTestId("notification-item")).toHaveCount(2);
  // Newest first; the item read earlier is not under "Unread".
  await expect(page.getByTestId("notification-item").first()).toContainText('Access token "nightly" created');
  await expect(page.getByTestId("notification-item").filter({ hasText: '"ci"' })).toHaveCount(0);

  await page.getByRole("button", { name: "Mark all as read" }).click();
  await expect(page.getByTestId("notification-count")).toHaveCount(0);
  await expect(bell(page)).toBeVisible();
  await expect(page.getByTestId("notifications-empty")).toContainText("You’re all caught up");
  await shot(page, "notifications-empty");

  await page.getByRole("link", { name: "All", exact: true }).click();
  await expect(page).toHaveURL(/\/notifications$/);
  await expect(page.getByTestId("notification-item")).toHaveCount(3);
  for (const row of await page.getByTestId("notification-item").all())
    await expect(row).toHaveAttribute("data-unread", "false");
});
