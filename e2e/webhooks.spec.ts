import { expect, test } from "@playwright/test";
import { buildImage, pushImage } from "../tests/helpers/oci-image";
import { startWebhookReceiver } from "../tests/helpers/webhook-receiver";
import { verifySignature } from "../lib/webhooks/signature";
import { signIn, signOut, signUp } from "./support/factory";
import { shot } from "./support/shot";
import { reloadUntil } from "./support/reload-until";

test("webhooks: the operator allows a local receiver, a user creates a webhook, a push is delivered and logged, redelivered; own pushes do not ring the bell", async ({
  page,
}) => {
  const receiver = await startWebhookReceiver();
  try {
    // The receiver runs on loopback: only a site operator can allow that.
    await signIn(page, { username: "operator", password: process.env.E2E_ADMIN_PASSWORD! });
    await page.getByTestId("signed-in-as").waitFor();
    await page.goto("/admin/settings");
    await page.getByLabel("Allow webhooks to private networks").check();
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByTestId("form-success")).toHaveText("Site settings saved.");
    await shot(page, "admin-site-settings");
    await signOut(page);

    const owner = await signUp(page);
    const registry = (await (await page.request.get("/api/health")).json()).registry.host as string;
    const repository = `${owner.username}/api`;
    const creds = { registry, repository, username: owner.username, password: owner.password };
    const image = await buildImage({ layers: [{ files: { "app.txt": owner.username } }] });
    await pushImage(image, { ...creds, tag: "first" });

    await page.goto(`/r/${repository}`);
    await page.getByRole("link", { name: "Webhooks" }).click();
    await expect(page.getByTestId("webhooks-empty")).toBeVisible();
    await shot(page, "webhooks-empty");
    await page.getByRole("link", { name: "Create the first webhook" }).click();

    // A pattern RE2 cannot compile is refused with a clear message, and what was typed stays.
    await page.getByLabel("Name").fill("deploy");
    await page.getByLabel("Webhook URL").fill(receiver.url("/hook"));
    await page.getByLabel("Tags matching a regular expression").check();
    await page.getByLabel("Tag pattern").fill("^v(?=1)");
    await page.getByRole("button", { name: "Create webhook" }).click();
    await expect(page.locator("#field-triggerPattern-error")).toContainText("Not a valid RE2 regular expression");
    await expect(page.getByLabel("Webhook URL")).toHaveValue(receiver.url("/hook"));
    await shot(page, "webhook-form-error");
    await page.getByLabel("Tag pattern").fill("^v[0-9]+$");
    await page.getByRole("button", { name: "Create webhook" }).click();
    await expect(page.getByTestId("webhook-name")).toHaveText("deploy");
    await expect(page.getByTestId("deliveries-empty")).toBeVisible();
    await page.getByRole("button", { name: "Reveal" }).click();
    await expect(page.getByTestId("webhook-secret")).toHaveText(/^whsec_[A-Za-z0-9_-]{43}$/);
    const first = (await page.getByTestId("webhook-secret").textContent())!;
    // Rotating asks first (a dialog, not window.confirm); Cancel keeps the secret.
    await page.getByRole("button", { name: "Rotate secret" }).click();
    const ask = page.getByRole("dialog", { name: "Generate a new secret?" });
    await expect(ask).toBeVisible();
    await shot(page, "webhook-rotate-confirm");
    await ask.getByRole("button", { name: "Cancel" }).click();
    await expect(ask).toBeHidden();
    await expect(page.getByTestId("webhook-secret")).toHaveText(first);
    await page.getByRole("button", { name: "Rotate secret" }).click();
    await ask.getByRole("button", { name: "Rotate secret" }).click();
    await expect(page.getByTestId("webhook-secret")).not.toHaveText(first);
    await expect(page.getByTestId("webhook-secret")).toHaveText(/^whsec_[A-Za-z0-9_-]{43}$/);
    const secret = (await page.getByTestId("webhook-secret").textContent())!;

    // A tag that does not match sends nothing; one that does is delivered and logged.
    await pushImage(image, { ...creds, tag: "latest" });
    await pushImage(image, { ...creds, tag: "v2" });
    const [request] = await receiver.waitFor("/hook", 1);
    expect(verifySignature(secret, request!.body, String(request!.headers["x-dockyard-signature"]))).toBe(true);
    expect(JSON.parse(request!.body).push_data.tag).toBe("v2");
    await reloadUntil(page, () => expect(page.getByTestId("delivery")).toHaveCount(1));
    // Located by id: a redelivery appears above it.
    const deliveryId = await page.getByTestId("delivery").first().getAttribute("data-delivery-id");
    const delivery = page.locator(`[data-delivery-id="${deliveryId}"]`);
    await expect(delivery.getByTestId("delivery-status")).toHaveText("Delivered");
    await expect(delivery.getByTestId("delivery-tag")).toHaveText("v2");
    await delivery.locator("summary").first().click();
    await expect(delivery.getByTestId("attempt-result")).toHaveText("HTTP 200");
    await shot(page, "webhook-delivery-log");

    await delivery.getByRole("button", { name: "Redeliver" }).click();
    await expect(delivery.getByTestId("form-success")).toHaveText("Redelivery queued.");
    await receiver.waitFor("/hook", 2);
    await reloadUntil(page, () => expect(page.getByTestId("delivery")).toHaveCount(2));
    expect(receiver.requests("/hook")).toHaveLength(2);

    // The list shows the webhook with its last delivery.
    await page.goto(`/r/${repository}/webhooks`);
    await expect(page.getByTestId("webhook-item")).toContainText("Tags matching ^v[0-9]+$");
    await expect(page.getByTestId("webhook-item").getByTestId("delivery-status")).toHaveText("Delivered");
    await shot(page, "webhooks-list");

    // The owner pushed these themselves: by default that notifies nobody (as on Docker Hub).
    await page.reload();
    await expect(page.getByTestId("notification-count")).toHaveCount(0);
    await page.goto("/notifications");
    await expect(page.getByTestId("notifications-empty")).toBeVisible();
    await expect(page.getByText(`${repository}:v2 was pushed`)).toHaveCount(0);

    // Deleting asks in the console's dialog; Cancel keeps it.
    await page.goto(`/r/${repository}/webhooks`);
    await page.getByTestId("webhook-item").getByRole("link", { name: "deploy" }).click();
    await page.getByRole("button", { name: "Delete webhook" }).click();
    const drop = page.getByRole("dialog", { name: "Delete the webhook deploy?" });
    await expect(drop).toBeVisible();
    await shot(page, "webhook-delete-confirm");
    await drop.getByRole("button", { name: "Cancel" }).click();
    await expect(drop).toBeHidden();
    await page.getByRole("button", { name: "Delete webhook" }).click();
    await drop.getByRole("button", { name: "Delete webhook" }).click();
    await expect(page).toHaveURL(new RegExp(`/r/${repository}/webhooks$`));
    await expect(page.getByTestId("webhooks-empty")).toBeVisible();
  } finally {
    await receiver.close();
  }
});
