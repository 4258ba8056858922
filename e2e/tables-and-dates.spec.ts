import { expect, test, type Page } from "@playwright/test";
import { buildImage, pushImage } from "../tests/helpers/oci-image";
import { signUp } from "./support/factory";
import { shot } from "./support/shot";

const ABSOLUTE = /^[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{2}:\d{2} UTC$/;
const RELATIVE = /^(just now|\d+ minutes? ago)$/;

/** Hydration mismatches (e.g. relative times rendered twice) are console errors: collect them. */
function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));
  return errors;
}

test("tag list: page numbers, page size 50 in the URL, filter as you type, select all with a disabled delete, times with UTC tooltips", async ({
  page,
}) => {
  test.setTimeout(240_000);
  const errors = consoleErrors(page);
  const owner = await signUp(page);
  const registry = (await (await page.request.get("/api/health")).json()).registry.host as string;
  const repository = `${owner.username}/many`;
  const creds = { registry, repository, username: owner.username, password: owner.password };
  const image = await buildImage({ layers: [{ files: { "m.txt": repository } }] });
  // 31 tags: two pages at 25, one at 50.
  const names = ["1.0", ...Array.from({ length: 30 }, (_, i) => `build-${String(i).padStart(2, "0")}`)];
  for (let i = 0; i < names.length; i += 4)
    await Promise.all(names.slice(i, i + 4).map((tag) => pushImage(image, { ...creds, tag })));

  const base = `/r/${repository}/tags`;
  await page.goto(`${base}?sort=name`);
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("tag-count")).toHaveText("31 tags", { timeout: 1000 });
  }).toPass({ timeout: 30_000, intervals: [250, 500, 1000] });

  // Page numbers: this page is current, the other is a link; page size choices.
  const pager = page.getByRole("navigation", { name: "Pagination" });
  await expect(pager.locator('[aria-current="page"]')).toHaveText("Page 1");
  await expect(pager.getByRole("link", { name: "Page 2" })).toBeVisible();
  await expect(page.getByTestId("tag-item")).toHaveCount(25);
  await pager.getByRole("link", { name: "Page 2" }).click();
  await expect(page).toHaveURL(/[?&]page=2(&|$)/);
  await expect(page.getByTestId("tag-item")).toHaveCount(6);
  await expect(pager.locator('[aria-current="page"]')).toHaveText("Page 2");

  // Many pages: first, last and the current ±2, with gaps between (any size up to 100 is taken from the URL).
  await page.goto(`${base}?sort=name&page_size=2&page=8`);
  await expect(pager.locator('[aria-current="page"]')).toHaveText("Page 8");
  await expect(pager.getByRole("link", { name: /^Page \d+$/ })).toHaveText(["1", "6", "7", "9", "10", "16"]);
  await expect(pager.getByText("…")).toHaveCount(2);
  await shot(page, "tag-list-pages");
  await page.goto(`${base}?sort=name&page=2`);

  // 50 a page: in the URL, back on page 1, one page for all 31.
  await pager.getByRole("link", { name: "50 per page" }).click();
  await expect(page).toHaveURL(/[?&]page_size=50(&|$)/);
  await expect(page).not.toHaveURL(/[?&]page=/);
  await expect(page.getByTestId("tag-item")).toHaveCount(31);
  await expect(pager.getByRole("link", { name: "Page 2" })).toHaveCount(0);
  await expect(pager.getByRole("link", { name: "50 per page" })).toHaveAttribute("aria-current", "true");
  await shot(page, "tag-list-50");

  // Times: relative text, the UTC moment as tooltip, the instant for machines.
  const pushed = page.locator('[data-tag="1.0"] time').first();
  await expect(pushed).toHaveText(RELATIVE);
  await expect(pushed).toHaveAttribute("title", ABSOLUTE);
  await expect(pushed).toHaveAttribute("datetime", /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);

  // Select all: Delete is disabled until something is selected; one box makes "all" indeterminate.
  const del = page.getByRole("button", { name: "Delete selected tags" });
  const all = page.getByRole("checkbox", { name: "Select all tags on this page" });
  await expect(del).toBeDisabled();
  await page.getByLabel("Select build-03").check();
  await expect(del).toBeEnabled();
  await expect(page.getByTestId("tag-selected-count")).toHaveText("1 tag selected");
  expect(await all.evaluate((el: HTMLInputElement) => el.indeterminate)).toBe(true);
  await all.check();
  expect(await all.evaluate((el: HTMLInputElement) => el.indeterminate)).toBe(false);
  await expect(page.getByTestId("tag-item").getByRole("checkbox", { checked: true })).toHaveCount(31);
  await expect(page.getByTestId("tag-selected-count")).toHaveText("31 tags selected");
  await all.uncheck();
  await expect(page.getByTestId("tag-item").getByRole("checkbox", { checked: true })).toHaveCount(0);
  await expect(del).toBeDisabled();

  // Filter as you type: no Apply click; the URL (page size kept) and the list follow.
  await page.getByLabel("Filter tags").pressSequentially("build-2", { delay: 40 });
  await expect(page).toHaveURL(/[?&]q=build-2(&|$)/);
  await expect(page).toHaveURL(/[?&]page_size=50(&|$)/);
  await expect(page.getByTestId("tag-count")).toHaveText("10 tags");
  await expect(page.getByTestId("tag-item")).toHaveCount(10);
  await expect(page.getByLabel("Filter tags")).toBeFocused();
  await shot(page, "tag-list-filtered");

  // Select all of the filtered rows and delete: the dialog counts and lists all ten, and all ten are sent
  // (they share their image with the other tags, so the console names every one and deletes nothing).
  const build2 = Array.from({ length: 10 }, (_, i) => `build-2${i}`);
  await all.check();
  await expect(page.getByTestId("tag-selected-count")).toHaveText("10 tags selected");
  await del.click();
  const dialog = page.getByTestId("delete-tags-dialog");
  await expect(dialog.getByRole("heading")).toHaveText("Delete 10 tags?");
  await expect(dialog.getByTestId("delete-tags-list").getByRole("listitem")).toHaveText(build2);
  await shot(page, "tag-list-select-all");
  await dialog.getByRole("button", { name: "Delete 10 tags" }).click();
  await expect(page.getByTestId("form-error")).toContainText(build2.join(", ") + " share the same image");
  // The refusal keeps the selection, so the named tags can be unticked; none of them went.
  await expect(page.getByTestId("tag-selected-count")).toHaveText("10 tags selected");
  await expect(page.getByTestId("tag-item")).toHaveCount(10);
  await all.uncheck();
  await expect(del).toBeDisabled();
  await page.getByLabel("Filter tags").fill("");
  await expect(page).not.toHaveURL(/[?&]q=/);
  await expect(page.getByTestId("tag-count")).toHaveText("31 tags");

  expect(errors.filter((e) => /hydrat/i.test(e))).toEqual([]);
});

test("times carry their UTC moment on the token, audit log and status pages; the audit log dashes an unknown address and filters as you type", async ({
  page,
}) => {
  const errors = consoleErrors(page);
  const owner = await signUp(page);
  await page.goto("/settings/tokens");
  await page.getByLabel("Description").fill("laptop");
  await page.getByLabel(/Read-only/).check();
  await page.getByRole("button", { name: "Generate token" }).click();
  await expect(page.getByTestId("token-secret")).toBeVisible();
  await page.reload();
  const row = page.getByTestId("token-row").filter({ hasText: "laptop" });
  await expect(row.locator("time").first()).toHaveText(RELATIVE);
  await expect(row.locator("time").first()).toHaveAttribute("title", ABSOLUTE);
  await shot(page, "tokens");

  // Refused registry logins: one from a known address (the trusted proxy's header), one whose proxy
  // could not name the client (recorded as unknown).
  const basic = `Basic ${Buffer.from(`${owner.username}:not-my-password`).toString("base64")}`;
  for (const forwarded of ["203.0.113.9", ","]) {
    const refused = await page.request.get("/api/registry/token?service=registry-console", {
      headers: { Authorization: basic, "X-Forwarded-For": forwarded },
    });
    expect(refused.status()).toBe(401);
  }

  await page.goto("/settings/audit-log");
  const entries = page.getByTestId("audit-entry");
  await expect(entries).toHaveCount(3);
  await expect(entries.first().locator("time")).toHaveText(RELATIVE);
  await expect(entries.first().locator("time")).toHaveAttribute("title", ABSOLUTE);
  // Newest first: the unknown address is a dash, as a missing one would be, never the word "unknown".
  const ips = entries.getByTestId("audit-ip");
  await expect(ips.nth(0)).toHaveText("—");
  await expect(ips.nth(1)).toHaveText("203.0.113.9");
  await expect(page.getByTestId("audit-log")).not.toContainText("unknown");
  await shot(page, "audit-log");

  // The free-text filter applies as you type.
  await page.getByLabel("Target contains").pressSequentially("lapt", { delay: 40 });
  await expect(page).toHaveURL(/\/settings\/audit-log\?q=lapt$/);
  await expect(entries).toHaveCount(1);
  await expect(page.getByTestId("audit-log-count")).toHaveText("1 entry");
  await expect(page.getByLabel("Target contains")).toBeFocused();

  await page.goto("/health");
  const checked = page.getByTestId("health-checked-at");
  await expect(checked).toHaveText(RELATIVE);
  await expect(checked).toHaveAttribute("title", ABSOLUTE);
  await shot(page, "status");

  expect(errors.filter((e) => /hydrat/i.test(e))).toEqual([]);
});
