import crypto from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { formatBytes } from "../lib/format";
import { buildImage, pushImage } from "../tests/helpers/oci-image";
import { signIn, signUp } from "./support/factory";
import { reloadUntil } from "./support/reload-until";
import { shot } from "./support/shot";

const operator = () => ({ username: "operator", password: process.env.E2E_ADMIN_PASSWORD! });

async function saveQuota(page: Page, fill: { enabled: boolean; amount?: string; unit?: string }) {
  await page.goto("/admin/settings");
  const section = page.getByRole("region", { name: "Storage quota" });
  await section.getByLabel("Limit storage per namespace").setChecked(fill.enabled);
  if (fill.amount !== undefined) await section.getByLabel("Quota", { exact: true }).fill(fill.amount);
  if (fill.unit !== undefined) await section.getByLabel("Unit").selectOption(fill.unit);
  await section.getByRole("button", { name: "Save storage quota" }).click();
  return section;
}

test("storage quota: the operator sets it in Site settings, a namespace sees its usage against it, and a push past it is refused", async ({
  page: userPage,
  browser,
}) => {
  test.setTimeout(120_000);
  const owner = await signUp(userPage);
  const registry = (await (await userPage.request.get("/api/health")).json()).registry.host as string;
  const creds = { registry, repository: `${owner.username}/app`, username: owner.username, password: owner.password };
  // Random hex compresses to about half: some 850 kB stored.
  const first = await buildImage({ layers: [{ files: { "a.bin": crypto.randomBytes(850_000).toString("hex") } }] });
  const second = await buildImage({ layers: [{ files: { "b.bin": crypto.randomBytes(850_000).toString("hex") } }] });
  await pushImage(first, { ...creds, tag: "1.0" });
  const stored = first.manifestBytes.length + first.totalSize;

  // No quota yet: the settings show the figure and no meter.
  await userPage.goto("/settings/general");
  const storage = userPage.getByRole("region", { name: "Storage" });
  await reloadUntil(userPage, () =>
    expect(storage.getByTestId("storage-unique")).toHaveText(formatBytes(stored), { timeout: 1000 }),
  );
  await expect(storage.getByTestId("quota-meter")).toHaveCount(0);

  const adminContext = await browser.newContext();
  const page = await adminContext.newPage();
  await signIn(page, operator());
  await page.getByTestId("signed-in-as").waitFor();
  try {
    // Bad input is explained next to the field, and nothing is saved.
    let section = await saveQuota(page, { enabled: true, amount: "0", unit: "MB" });
    await expect(section.getByText("Enter a size above 0")).toBeVisible();
    await page.reload();
    await expect(section.getByLabel("Limit storage per namespace")).not.toBeChecked();

    section = await saveQuota(page, { enabled: true, amount: "1", unit: "MB" });
    await expect(section.getByTestId("form-success")).toHaveText(
      "Each namespace may store 1.0 MB. Pushes past it are refused; nothing is deleted.",
    );
    await page.reload();
    await expect(section.getByLabel("Limit storage per namespace")).toBeChecked();
    await expect(section.getByLabel("Quota", { exact: true })).toHaveValue("1");
    await shot(page, "storage-quota-settings");

    // The namespace sees its usage against the quota: past 80 %, amber.
    await userPage.reload();
    const meter = storage.getByTestId("quota-meter");
    await expect(meter).toContainText(`${formatBytes(stored)} of 1.0 MB quota used (${Math.floor(stored / 10_000)} %)`);
    await expect(meter).toHaveAttribute("data-level", "warn");
    await shot(userPage, "storage-quota-meter");

    // A push past it is refused, naming usage and quota; nothing of it is tagged.
    const refused = await pushImage(second, { ...creds, tag: "2.0" }).catch((err: Error) => String(err));
    expect(refused).toContain(`${owner.username} uses ${formatBytes(stored)} of its 1.0 MB storage quota`);
    await userPage.goto(`/r/${owner.username}/app/tags`);
    await expect(userPage.getByTestId("tag-item")).toHaveCount(1);
    await expect(userPage.locator('[data-tag="2.0"]')).toHaveCount(0);
  } finally {
    await saveQuota(page, { enabled: false });
    await adminContext.close();
  }
});
