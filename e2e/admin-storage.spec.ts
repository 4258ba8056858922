import crypto from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { formatBytes } from "../lib/format";
import { buildImage, pushImage, type BuiltImage } from "../tests/helpers/oci-image";
import { signIn, signUp, uniqueUsername } from "./support/factory";
import { reloadUntil } from "./support/reload-until";
import { shot } from "./support/shot";

const operator = () => ({ username: "operator", password: process.env.E2E_ADMIN_PASSWORD! });
const stored = (images: BuiltImage[]) => images.reduce((n, i) => n + i.manifestBytes.length + i.totalSize, 0);

async function asOperator(page: Page) {
  await signIn(page, operator());
  await page.getByTestId("signed-in-as").waitFor();
}

test("Admin → Storage with no images yet: zero figures, an empty chart and the empty state", async ({ page }) => {
  await asOperator(page);
  await page.goto("/admin/storage");
  await expect(page.getByRole("heading", { level: 1, name: "Storage" })).toBeVisible();
  // The admin tabs: Storage is the current one.
  await expect(page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Storage" })).toHaveAttribute(
    "aria-current",
    "page",
  );
  // Earlier spec files of a full run may have pushed images: the empty state is for an empty registry.
  test.skip((await page.getByTestId("storage-empty").count()) === 0, "images were pushed by earlier specs");
  await expect(page.getByTestId("site-unique")).toHaveText("0 B");
  await expect(page.getByTestId("storage-history")).toContainText("Nothing stored yet");
  await expect(page.getByTestId("storage-empty")).toContainText("No images yet");
  await shot(page, "admin-storage-empty");
});

test("Admin → Storage: site figures, the largest namespaces and repositories, a namespace's own quota, and its owners' meter", async ({
  page: ownerPage,
  browser,
}) => {
  test.setTimeout(180_000);
  const owner = await signUp(ownerPage);
  const org = uniqueUsername("org");
  await ownerPage.goto("/orgs/new");
  await ownerPage.getByLabel("Organization name").fill(org);
  await ownerPage.getByRole("button", { name: "Create organization" }).click();
  await expect(ownerPage).toHaveURL(new RegExp(`/orgs/${org}$`));
  const registry = (await (await ownerPage.request.get("/api/health")).json()).registry.host as string;
  const to = (repository: string) => ({ registry, repository, username: owner.username, password: owner.password });
  // Random hex compresses to about half: the organization stores some 850 kB, the user some 300 kB.
  const big = await buildImage({ layers: [{ files: { "a.bin": crypto.randomBytes(850_000).toString("hex") } }] });
  const web = await buildImage({ layers: [{ files: { "w.bin": crypto.randomBytes(200_000).toString("hex") } }] });
  const api = await buildImage({ layers: [{ files: { "p.bin": crypto.randomBytes(100_000).toString("hex") } }] });
  await pushImage(big, { ...to(`${org}/app`), tag: "1.0" });
  await pushImage(web, { ...to(`${owner.username}/web`), tag: "1.0" });
  await pushImage(api, { ...to(`${owner.username}/api`), tag: "1.0" });

  const adminContext = await browser.newContext();
  const page = await adminContext.newPage();
  await asOperator(page);
  await page.goto("/admin/storage");
  const orgRow = page.locator(`[data-testid="namespace-storage-row"][data-namespace="${org}"]`);
  await reloadUntil(page, () => expect(orgRow).toHaveAttribute("data-bytes", String(stored([big])), { timeout: 1000 }));
  const userRow = page.locator(`[data-testid="namespace-storage-row"][data-namespace="${owner.username}"]`);
  await expect(userRow).toHaveAttribute("data-bytes", String(stored([web, api])));
  await expect(orgRow.getByTestId("namespace-unique")).toHaveText(formatBytes(stored([big])));
  // Largest first, in both tables; each row links to its namespace or repository.
  for (const table of ["namespace-storage-row", "repository-storage-row"]) {
    const sizes = (
      await page.getByTestId(table).evaluateAll((rows) => rows.map((r) => r.getAttribute("data-bytes")))
    ).map(Number);
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
  }
  await expect(orgRow.getByRole("link", { name: org, exact: true })).toHaveAttribute("href", `/orgs/${org}`);
  await expect(userRow.getByRole("link", { name: owner.username, exact: true })).toHaveAttribute(
    "href",
    `/u/${owner.username}`,
  );
  await expect(
    page.locator(`[data-testid="repository-storage-row"][data-repository="${owner.username}/web"]`).getByRole("link"),
  ).toHaveAttribute("href", `/r/${owner.username}/web`);
  // Today's bar is today's figure.
  const today = new Date().toISOString().slice(0, 10);
  const siteBytes = await page.getByTestId("site-storage").getByTestId("site-unique").textContent();
  const todayBar = page.locator(`[data-testid="storage-bar"][data-day="${today}"]`);
  expect(formatBytes(Number(await todayBar.getAttribute("data-bytes")))).toBe(siteBytes);
  // A page past the last goes to the last one.
  await page.goto("/admin/storage?page=999&repo_page=999");
  await expect(page).toHaveURL(/\/admin\/storage(\?.*)?$/);
  await expect(page.getByTestId("namespace-storage-row").first()).toBeVisible();
  await page.goto("/admin/storage");
  await shot(page, "admin-storage");

  // The organization's own quota: 1 MB, so its 850 kB are over 80 %.
  await orgRow.getByRole("link", { name: `Set the quota of ${org}` }).click();
  await expect(page).toHaveURL(`/admin/storage/namespaces/${org}`);
  const form = page.getByTestId("namespace-quota-form");
  await form.getByRole("radio", { name: /^Its own quota/ }).check();
  await form.getByLabel("Quota", { exact: true }).fill("lots");
  await form.getByRole("button", { name: "Save quota" }).click();
  await expect(form.getByText("Enter a size, e.g. 10")).toBeVisible();
  await form.getByLabel("Quota", { exact: true }).fill("1");
  await form.getByLabel("Unit").selectOption("MB");
  await form.getByRole("button", { name: "Save quota" }).click();
  await expect(form.getByTestId("form-success")).toHaveText(`${org} may store 1.0 MB.`);
  await page.reload();
  await expect(page.getByTestId("quota-meter")).toHaveAttribute("data-level", "warn");
  await shot(page, "admin-storage-namespace");

  // The owners see their usage against the organization's own quota.
  await ownerPage.goto(`/orgs/${org}/settings`);
  const storage = ownerPage.getByRole("region", { name: "Storage" });
  await expect(storage.getByTestId("quota-meter")).toHaveAttribute("data-level", "warn");
  await expect(storage.getByTestId("quota-meter")).toContainText(`${formatBytes(stored([big]))} of 1.0 MB quota used`);
  await expect(storage.getByTestId("quota-source")).toContainText("set for this namespace by an operator");
  await storage.scrollIntoViewIfNeeded();
  await shot(ownerPage, "storage-org-quota");
  // And they were told at 80 %.
  await ownerPage.goto("/notifications");
  await expect(ownerPage.getByText(`${org} has used 80 % of its storage quota`)).toBeVisible();

  // Back to the site default (none here): no meter.
  await form.getByRole("radio", { name: /^Site default/ }).check();
  await form.getByRole("button", { name: "Save quota" }).click();
  await expect(form.getByTestId("form-success")).toContainText(`${org} uses the site default quota (no limit).`);
  await ownerPage.goto(`/orgs/${org}/settings`);
  await expect(ownerPage.getByRole("region", { name: "Storage" }).getByTestId("quota-meter")).toHaveCount(0);
  await adminContext.close();
});
