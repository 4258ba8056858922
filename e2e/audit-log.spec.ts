import { expect, test } from "@playwright/test";
import { signUp, uniqueUsername } from "./support/factory";
import { shot } from "./support/shot";

test("an owner reads the organization's and their own audit log, filters it in the URL, and others get a 404", async ({
  page,
  browser,
}) => {
  const owner = await signUp(page);

  // An organization and a repository in it, through the UI; then the repository goes private.
  const org = uniqueUsername("org");
  await page.getByTestId("signed-in-as").click();
  await page.getByRole("link", { name: "Organizations" }).click();
  await page.getByRole("link", { name: "Create organization" }).click();
  await page.getByLabel("Organization name").fill(org);
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page).toHaveURL(new RegExp(`/orgs/${org}$`));

  await page.goto(`/repositories/new?ns=${org}`);
  await expect(page.getByLabel("Namespace")).toHaveValue(org);
  await page.getByLabel("Repository name").fill("web");
  await expect(page.getByTestId("name-available")).toHaveText(`${org}/web is available`);
  await page.getByRole("button", { name: "Create" }).click();
  await expect(page).toHaveURL(new RegExp(`/r/${org}/web\\?created=1$`));
  await page.getByRole("navigation", { name: "Repository" }).getByRole("link", { name: "Settings" }).click();
  await page.getByRole("button", { name: "Make private" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Make private" }).click();
  await expect(page.getByTestId("visibility")).toHaveText("Private");

  // The organization's log, from its tab: newest first.
  await page.goto(`/orgs/${org}`);
  await page.getByRole("navigation", { name: "Organization" }).getByRole("link", { name: "Audit log" }).click();
  await expect(page).toHaveURL(new RegExp(`/orgs/${org}/audit-log$`));
  const sentences = page.getByTestId("audit-sentence");
  await expect(sentences).toHaveText([
    `${owner.username} made ${org}/web private`,
    `${owner.username} created repository ${org}/web (public)`,
    `${owner.username} created the organization ${org}`,
  ]);
  await expect(page.getByTestId("audit-entry").first()).toContainText(owner.username);
  await expect(page.getByTestId("audit-entry").first().locator("time")).toHaveText("just now");
  await expect(page.getByTestId("audit-log-count")).toHaveText("3 entries");
  await shot(page, "audit-log-org");

  // A filter lives in the URL.
  await page.getByLabel("Action").selectOption({ label: "Repository visibility changed" });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/[?&]action=repository_visibility_changed/);
  await expect(sentences).toHaveText([`${owner.username} made ${org}/web private`]);

  // Nothing matches: say so, and offer the way back.
  await page.getByLabel("Actor").fill("nobodyatall");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/[?&]actor=nobodyatall/);
  await expect(page.getByTestId("audit-log-no-match")).toContainText("No entries match these filters");
  await shot(page, "audit-log-no-match");
  await page.getByTestId("audit-log-no-match").getByRole("link", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(new RegExp(`/orgs/${org}/audit-log$`));
  await expect(sentences).toHaveCount(3);

  // An unknown action in the URL is explained, not a crash.
  await page.goto(`/orgs/${org}/audit-log?action=drop_tables`);
  await expect(page.getByTestId("audit-log-invalid")).toContainText("Unknown action");

  // The personal log: a token made in Settings and a refused registry login with the wrong password.
  await page.goto("/settings/tokens");
  await page.getByLabel("Description").fill("laptop");
  await page.getByLabel(/Read-only/).check();
  await page.getByRole("button", { name: "Generate token" }).click();
  await expect(page.getByTestId("token-secret")).toBeVisible();
  const refused = await page.request.get(`/api/registry/token?service=registry-console`, {
    headers: { Authorization: `Basic ${Buffer.from(`${owner.username}:not-my-password`).toString("base64")}` },
  });
  expect(refused.status()).toBe(401);
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Audit log" }).click();
  await expect(page).toHaveURL(/\/settings\/audit-log$/);
  await expect(sentences).toHaveText([
    `Failed registry login: password refused for "${owner.username}"`,
    `${owner.username} created personal access token "laptop" (Read-only)`,
  ]);
  // The organization's events stay in the organization's log.
  await expect(page.getByTestId("audit-log")).not.toContainText(org);
  await shot(page, "audit-log-personal");
  await page.getByLabel("Action").selectOption({ label: "Token created" });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/\/settings\/audit-log\?action=token_created/);
  await expect(sentences).toHaveCount(1);

  // Someone who does not own the organization: no tab, and the page is a real 404.
  const otherContext = await browser.newContext();
  const otherPage = await otherContext.newPage();
  await signUp(otherPage);
  await otherPage.goto(`/orgs/${org}`);
  await expect(
    otherPage.getByRole("navigation", { name: "Organization" }).getByRole("link", { name: "Audit log" }),
  ).toHaveCount(0);
  const response = await otherPage.goto(`/orgs/${org}/audit-log`);
  expect(response?.status()).toBe(404);
  await otherContext.close();
});
