import { expect, test } from "@playwright/test";
import { signUp } from "./support/factory";
import { shot } from "./support/shot";

test("webhook saving: a host that does not resolve yet is saved with a warning, the banners show once, and the delivery log reports the DNS failure", async ({
  page,
}) => {
  const owner = await signUp(page);
  await page.goto("/repositories/new");
  await page.getByLabel("Repository name").fill("hooked");
  await page.getByRole("button", { name: "Create" }).click();
  await expect(page).toHaveURL(new RegExp(`/r/${owner.username}/hooked\\?created=1$`));

  await page.goto(`/r/${owner.username}/hooked/webhooks/new`);
  await page.getByLabel("Name").fill("later");
  await page.getByLabel("Webhook URL").fill("https://example.invalid/hook");
  await page.getByRole("button", { name: "Create webhook" }).click();
  await expect(page.getByTestId("webhook-name")).toHaveText("later");
  await expect(page.getByTestId("webhook-created")).toContainText("Webhook created.");
  await expect(page.getByTestId("webhook-unresolved")).toHaveText(
    "example.invalid does not resolve yet; deliveries will fail until it does.",
  );
  // Shown once: the parameters leave the address bar, so a reload does not announce it again.
  await expect(page).not.toHaveURL(/created=1|unresolved=1/);
  await shot(page, "webhook-created-unresolved");
  await page.reload();
  await expect(page.getByTestId("webhook-name")).toHaveText("later");
  await expect(page.getByTestId("webhook-created")).toHaveCount(0);
  await expect(page.getByTestId("webhook-unresolved")).toHaveCount(0);

  // Delivery resolves again at send time and logs why it failed (retried: the record may appear).
  await page.getByRole("button", { name: "Send test" }).click();
  await expect(page.getByTestId("form-success")).toContainText("Test delivery queued.");
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("delivery")).toHaveCount(1);
    await page.getByTestId("delivery").locator("summary").first().click();
    await expect(page.getByTestId("attempt-row").first()).toContainText(
      "The host example.invalid could not be resolved",
    );
  }).toPass({ timeout: 20_000, intervals: [250, 500, 1000] });
  await expect(page.getByTestId("delivery-status")).not.toHaveText("Delivered");
  await shot(page, "webhook-delivery-unresolved");

  // Editing to another name with no DNS record warns again; a literal public address does not.
  await page.getByRole("link", { name: "Edit" }).click();
  await page.getByLabel("Webhook URL").fill("https://hooks.not-yet.invalid/x");
  await page.getByRole("button", { name: /Save/ }).click();
  await expect(page.getByTestId("webhook-unresolved")).toHaveText(
    "hooks.not-yet.invalid does not resolve yet; deliveries will fail until it does.",
  );
  await expect(page.getByTestId("webhook-created")).toHaveCount(0);
  await expect(page).not.toHaveURL(/unresolved=1/);
  await page.getByRole("link", { name: "Edit" }).click();
  await page.getByLabel("Webhook URL").fill("https://93.184.215.14/x");
  await page.getByRole("button", { name: /Save/ }).click();
  await expect(page.getByText("https://93.184.215.14/x")).toBeVisible();
  await expect(page.getByTestId("webhook-unresolved")).toHaveCount(0);
});
