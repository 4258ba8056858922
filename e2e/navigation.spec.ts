import { expect, test } from "@playwright/test";
import { signIn, signUp, uniqueUsername } from "./support/factory";
import { PHONE, SCREENSHOT_DIR, shot } from "./support/shot";

test("phones: the header fits 390 px, the menu button opens a drawer with every link, Escape and links close it", async ({
  page,
}) => {
  const account = await signUp(page);
  await page.setViewportSize(PHONE);
  await page.goto("/explore");
  const menu = page.getByRole("button", { name: "Menu", exact: true });
  const drawer = page.getByRole("dialog", { name: "Menu" });
  // Wide-screen controls are gone; the bell stays, and nothing runs off the screen.
  await expect(page.getByTestId("signed-in-as")).toBeHidden();
  await expect(
    page.getByRole("navigation", { name: "Main" }).getByRole("button", { name: /^Notifications/ }),
  ).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  await expect(menu).toHaveAttribute("aria-expanded", "false");

  await menu.click();
  await expect(drawer).toBeVisible();
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  await expect(drawer).toContainText(`Signed in as ${account.username}`);
  for (const name of ["Explore", "Repositories", "Profile", "Starred", "Organizations", "Settings", "Tokens"])
    await expect(drawer.getByRole("link", { name, exact: true })).toBeVisible();
  await expect(drawer.getByRole("button", { name: "Sign out", exact: true })).toBeVisible();
  // Focus moved into the drawer; Escape closes it and gives focus back to the button.
  await expect(drawer.locator(":focus")).toHaveCount(1);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/nav-drawer@390.png` });
  await page.keyboard.press("Escape");
  await expect(drawer).toBeHidden();
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(menu).toBeFocused();

  // A link goes there and closes the drawer.
  await menu.click();
  await drawer.getByRole("link", { name: "Tokens", exact: true }).click();
  await expect(page).toHaveURL(/\/settings\/tokens$/);
  await expect(drawer).toBeHidden();
  await menu.click();
  await drawer.getByRole("link", { name: "Organizations", exact: true }).click();
  await expect(page).toHaveURL(/\/orgs$/);
  await expect(page.getByRole("heading", { name: "Organizations", level: 1 })).toBeVisible();

  // Sign out from the drawer.
  await menu.click();
  await drawer.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
});

test("wide screens: Explore and Repositories stay in the header, the rest is in the avatar menu", async ({ page }) => {
  const account = await signUp(page);
  await page.goto("/explore");
  const header = page.getByRole("banner");
  await expect(header.getByRole("link", { name: "Explore" })).toBeVisible();
  await expect(header.getByRole("link", { name: "Repositories" })).toBeVisible();
  for (const name of ["Profile", "Settings", "Tokens", "Organizations", "Starred"])
    await expect(header.getByRole("link", { name, exact: true })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Menu", exact: true })).toBeHidden();

  const avatar = page.getByRole("button", { name: account.username });
  await expect(avatar).toHaveAttribute("aria-expanded", "false");
  await avatar.click();
  await expect(avatar).toHaveAttribute("aria-expanded", "true");
  const menu = page.getByRole("navigation", { name: "Account" });
  await expect(menu.getByRole("link", { name: "Profile" })).toHaveAttribute("href", `/u/${account.username}`);
  await expect(menu.getByRole("link", { name: "Settings" })).toHaveAttribute("href", "/settings/general");
  await expect(menu.getByRole("link", { name: "Tokens" })).toHaveAttribute("href", "/settings/tokens");
  await expect(menu.getByRole("link", { name: "Organizations" })).toHaveAttribute("href", "/orgs");
  await expect(menu.getByRole("button", { name: "Sign out", exact: true })).toBeVisible();
  await shot(page, "nav-avatar-menu");
  await page.keyboard.press("Escape");
  await expect(menu).toBeHidden();
  await expect(avatar).toBeFocused();

  await avatar.click();
  await menu.getByRole("link", { name: "Profile" }).click();
  await expect(page).toHaveURL(new RegExp(`/u/${account.username}$`));
  await expect(menu).toBeHidden();
});

test("/orgs lists my organizations (empty state first); an owner creates a repository from the organization's page", async ({
  page,
}) => {
  await signUp(page);
  await page.goto("/orgs");
  await expect(page.getByTestId("organizations-empty")).toContainText("You are not in any organization yet.");
  await shot(page, "orgs-empty");
  await page.getByRole("link", { name: "Create organization" }).click();
  const org = uniqueUsername("org");
  await page.getByLabel("Organization name").fill(org);
  await page.getByLabel("Display name (optional)").fill("Acme Ships");
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page).toHaveURL(new RegExp(`/orgs/${org}$`));

  await page.goto("/orgs");
  const item = page.getByTestId("organization-item");
  await expect(item).toHaveCount(1);
  await expect(item).toContainText("Acme Ships");
  await expect(item).toContainText("Owner");
  await shot(page, "orgs");
  await item.getByRole("link", { name: "Acme Ships" }).click();
  await expect(page).toHaveURL(new RegExp(`/orgs/${org}$`));

  await page.getByRole("link", { name: "Create repository" }).click();
  await expect(page).toHaveURL(new RegExp(`/repositories/new\\?ns=${org}$`));
  await expect(page.getByLabel("Namespace")).toHaveValue(org);
  await page.getByLabel("Repository name").fill("api");
  await expect(page.getByTestId("name-available")).toHaveText(`${org}/api is available`);
  await page.getByRole("button", { name: "Create" }).click();
  await expect(page).toHaveURL(new RegExp(`/r/${org}/api\\?created=1$`));
});

test("Create repository on an organization's page is for those who may: not another user, not a visitor; a site operator creates there from it", async ({
  page,
  browser,
}) => {
  await signUp(page);
  const org = uniqueUsername("org");
  await page.goto("/orgs/new");
  await page.getByLabel("Organization name").fill(org);
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page).toHaveURL(new RegExp(`/orgs/${org}$`));
  await expect(page.getByRole("link", { name: "Create repository" })).toBeVisible();

  const other = await (await browser.newContext()).newPage();
  const otherAccount = await signUp(other);
  await other.goto(`/orgs/${org}`);
  await expect(other.getByRole("heading", { name: org })).toBeVisible();
  await expect(other.getByRole("link", { name: "Create repository" })).toHaveCount(0);
  // A hand-typed link does not put the organization in their form either: they may not create there.
  await other.goto(`/repositories/new?ns=${org}`);
  await expect(other.getByLabel("Namespace").locator("option")).toHaveText([otherAccount.username]);
  await other.context().close();

  // lib/authz gives a site operator write on every namespace (the owner role): the button shows on a
  // foreign organization, and the form it opens offers and selects that organization.
  const operator = await (await browser.newContext()).newPage();
  await signIn(operator, { username: "operator", password: process.env.E2E_ADMIN_PASSWORD! });
  await operator.getByTestId("signed-in-as").waitFor();
  await operator.goto(`/orgs/${org}`);
  await operator.getByRole("link", { name: "Create repository" }).click();
  await expect(operator).toHaveURL(new RegExp(`/repositories/new\\?ns=${org}$`));
  await expect(operator.getByLabel("Namespace")).toHaveValue(org);
  await expect(operator.getByLabel("Namespace").locator("option")).toContainText(["operator", org]);
  await operator.getByLabel("Repository name").fill("ops");
  await expect(operator.getByTestId("name-available")).toHaveText(`${org}/ops is available`);
  await operator.getByRole("button", { name: "Create" }).click();
  await expect(operator).toHaveURL(new RegExp(`/r/${org}/ops\\?created=1$`));
  await operator.context().close();
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(`/orgs/${org}`);
  await expect(visitor.getByRole("heading", { name: org })).toBeVisible();
  await expect(visitor.getByRole("link", { name: "Create repository" })).toHaveCount(0);
  await visitor.context().close();
});

test("Repositories has a namespace switcher: the current namespace, a menu of mine and my organizations', kept in the URL", async ({
  page,
}) => {
  const account = await signUp(page);
  const org = uniqueUsername("org");
  await page.goto("/orgs/new");
  await page.getByLabel("Organization name").fill(org);
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page).toHaveURL(new RegExp(`/orgs/${org}$`));

  await page.goto("/repositories");
  const switcher = page.getByRole("button", { name: `Namespace: ${account.username}` });
  await expect(switcher).toHaveAttribute("aria-expanded", "false");
  await switcher.click();
  const list = page.getByRole("navigation", { name: "Namespace" });
  await expect(list.getByRole("link", { name: account.username })).toHaveAttribute("aria-current", "page");
  await shot(page, "namespace-switcher");
  await list.getByRole("link", { name: org }).click();
  await expect(page).toHaveURL(new RegExp(`/repositories\\?ns=${org}$`));
  await expect(page.getByTestId("current-namespace")).toHaveText(org);
  await expect(page.getByText(`No repositories in ${org} yet.`)).toBeVisible();
  await expect(page.getByRole("link", { name: "Create repository" })).toHaveAttribute(
    "href",
    `/repositories/new?ns=${org}`,
  );
  // The URL alone picks it (a shared link, a reload).
  await page.reload();
  await expect(page.getByRole("button", { name: `Namespace: ${org}` })).toBeVisible();
  await page.getByRole("button", { name: `Namespace: ${org}` }).click();
  await page.keyboard.press("Escape");
  await expect(list).toBeHidden();
});

test("/settings opens the first settings page; signed out, it asks to sign in first", async ({ page, browser }) => {
  await signUp(page);
  await page.goto("/settings");
  await expect(page).toHaveURL(/\/settings\/general$/);
  await expect(page.getByRole("heading", { name: "Profile" })).toBeVisible();

  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto("/settings");
  await expect(visitor).toHaveURL(/\/signin\?callbackUrl=/);
  await visitor.context().close();
});
