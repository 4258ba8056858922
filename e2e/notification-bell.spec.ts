import { expect, test, type Page } from "@playwright/test";
import { buildImage, pushImage } from "../tests/helpers/oci-image";
import { signUp } from "./support/factory";
import { shot } from "./support/shot";

const bell = (page: Page, name: string | RegExp = /^Notifications/) =>
  page.getByRole("navigation", { name: "Main" }).getByRole("button", { name });
const dropdown = (page: Page) => page.getByRole("dialog", { name: "Notifications" });

test("the bell opens a dropdown of the latest notifications: pushes grouped, mark one and all read, See all", async ({
  page,
}) => {
  const account = await signUp(page);
  await bell(page, "Notifications").click();
  await expect(dropdown(page).getByTestId("notification-dropdown-empty")).toContainText("You’re all caught up");
  await shot(page, "bell-dropdown-empty");
  await page.keyboard.press("Escape");
  await expect(dropdown(page)).toHaveCount(0);
  await expect(bell(page, "Notifications")).toBeFocused();

  // Own pushes are off by default; ask for them, then push three tags one by one (three envelopes).
  await page.goto("/settings/notifications");
  await page.getByRole("checkbox", { name: "My own pushes: In-app" }).check();
  await page.getByRole("button", { name: "Save notification settings" }).click();
  await expect(page.getByTestId("form-success")).toHaveText("Notification settings saved.");
  const host = (await (await page.request.get("/api/health")).json()).registry.host as string;
  const image = await buildImage({ layers: [{ files: { "a.txt": account.username } }] });
  for (const tag of ["1.0", "1.1", "latest"])
    await pushImage(image, {
      registry: host,
      repository: `${account.username}/load`,
      tag,
      username: account.username,
      password: account.password,
    });
  // A token notice too, so there is more than one item.
  await page.goto("/settings/tokens");
  await page.getByLabel("Description").fill("ci");
  await page.getByRole("button", { name: "Generate token" }).click();
  await expect(page.getByTestId("token-secret")).toBeVisible();

  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("notification-count")).toHaveText("2");
  }).toPass({ timeout: 20_000, intervals: [250, 500, 1000] });
  await bell(page, "Notifications, 2 unread").click();
  const items = dropdown(page).getByTestId("notification-dropdown-item");
  await expect(items).toHaveCount(2);
  await expect(items.nth(0)).toContainText('Access token "ci" created');
  const push = items.filter({ hasText: `3 tags pushed to ${account.username}/load` });
  await expect(push).toHaveAttribute("data-unread", "true");
  await expect(push).toContainText(`latest, 1.1, 1.0 were pushed to ${account.username}/load by ${account.username}.`);
  await shot(page, "bell-dropdown");

  await push.getByRole("button", { name: /^Mark “3 tags pushed/ }).click();
  await expect(push).toHaveAttribute("data-unread", "false");
  await expect(page.getByTestId("notification-count")).toHaveText("1");
  await expect(bell(page, "Notifications, 1 unread")).toBeVisible();
  await dropdown(page).getByRole("button", { name: "Mark all as read" }).click();
  await expect(page.getByTestId("notification-count")).toHaveCount(0);
  await expect(items.first()).toHaveAttribute("data-unread", "false");

  // Opening an item follows its link; See all goes to the full list.
  await push.getByRole("button", { name: `3 tags pushed to ${account.username}/load` }).click();
  await expect(page).toHaveURL(new RegExp(`/r/${account.username}/load/tags$`));
  await expect(dropdown(page)).toHaveCount(0);
  await bell(page).click();
  await dropdown(page).getByRole("link", { name: "See all" }).click();
  await expect(page).toHaveURL(/\/notifications$/);
  await expect(page.getByTestId("notification-item")).toHaveCount(2);
});
