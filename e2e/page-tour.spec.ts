import { expect, test, type Page } from "@playwright/test";
import { buildImage, pushImage } from "../tests/helpers/oci-image";
import { signIn, signOut, signUp, uniqueUsername } from "./support/factory";
import { atWidths, DESKTOP_WIDTH, NARROWEST, PHONE, SCREENSHOT_DIR, sidewaysOverflow } from "./support/shot";
import { reloadUntil } from "./support/reload-until";
import { inBothSchemes, seriousA11yViolations } from "./support/a11y";

/**
 * Visits every page of the console with real data behind it and saves a full-page screenshot of
 * each at 1280 px (`name.png`), 390 px (`name@390.png`) and in the dark theme (`name.dark.png`). Run before and after a visual change
 * (TOUR_DIR picks the folder) and compare the two sets. Each stop also asserts the page rendered
 * its heading, not an error page, that axe finds nothing serious in either theme, and that at both widths, and at 360 px, nothing makes the page
 * scroll sideways (a phone shows the whole width; tables and commands scroll or wrap in their frame).
 */
const dir = process.env.TOUR_DIR ?? `${SCREENSHOT_DIR}/tour`;

async function stop(page: Page, path: string, name: string, heading: string | RegExp) {
  await page.goto(path);
  await expect(page.getByRole("heading", { name: heading }).first()).toBeVisible();
  await expect(page.getByText("Application error")).toHaveCount(0);
  await inBothSchemes(page, async (scheme) => {
    expect.soft(await seriousA11yViolations(page), `${path} in the ${scheme} theme (axe)`).toEqual([]);
    if (scheme === "dark") await page.screenshot({ path: `${dir}/${name}.dark.png`, fullPage: true });
  });
  const fits = async (width: number) => {
    const { excess, culprits } = await sidewaysOverflow(page);
    // Soft: one run lists every page that scrolls sideways, not just the first.
    expect
      .soft(excess, `${path} at ${width} px scrolls sideways by ${excess} px: ${culprits.join("; ")}`)
      .toBeLessThanOrEqual(0);
  };
  await atWidths(page, async (width) => {
    await fits(width);
    await page.screenshot({ path: `${dir}/${name}${width === DESKTOP_WIDTH ? "" : `@${width}`}.png`, fullPage: true });
  });
  const before = page.viewportSize()!;
  await page.setViewportSize({ width: NARROWEST, height: PHONE.height });
  await fits(NARROWEST);
  await page.setViewportSize(before);
}

test("page tour: every page renders its heading with data behind it (screenshots for before/after comparison)", async ({
  page,
}) => {
  test.setTimeout(420_000);
  await stop(page, "/", "home-signed-out", /./);
  await stop(page, "/signin", "signin", "Sign in");
  await stop(page, "/signup", "signup", /Create/);
  await stop(page, "/verify-email?token=not-a-token", "verify-email-invalid", /./);

  const owner = await signUp(page);
  const registry = (await (await page.request.get("/api/health")).json()).registry.host as string;
  const repo = `${owner.username}/web`;
  const creds = { registry, repository: repo, username: owner.username, password: owner.password };
  const one = await buildImage({ layers: [{ files: { "a.txt": "a".repeat(2000) }, createdBy: "COPY a.txt /" }] });
  const two = await buildImage({
    layers: [{ files: { "a.txt": "a".repeat(2000) } }, { files: { "b.txt": "b" }, createdBy: "COPY b.txt /" }],
  });
  await pushImage(one, { ...creds, tag: "1.0" });
  await pushImage(two, { ...creds, tag: "2.0" });
  await page.goto(`/r/${repo}/tags`);
  await reloadUntil(page, () => expect(page.getByTestId("tag-item")).toHaveCount(2));

  // An organization with a team, so its pages have content.
  const org = uniqueUsername("org");
  await page.goto("/orgs/new");
  await page.getByLabel("Organization name").fill(org);
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page).toHaveURL(new RegExp(`/orgs/${org}$`));
  await page.goto(`/orgs/${org}/members`);
  await page.getByLabel("New team name").fill("developers");
  await page.getByRole("button", { name: "Create team" }).click();
  await expect(page.getByRole("heading", { name: "Team developers" })).toBeVisible();
  const teamPath = new URL(page.url()).pathname;

  // A webhook to a public address literal (nothing is delivered: no push follows).
  await page.goto(`/r/${repo}/webhooks/new`);
  await page.getByLabel("Name").fill("deploy");
  await page.getByLabel("Webhook URL").fill("https://8.8.8.8/hook");
  await page.getByRole("button", { name: "Create webhook" }).click();
  await expect(page.getByTestId("webhook-name")).toHaveText("deploy");
  const webhookPath = new URL(page.url()).pathname;

  // Signed in, / is your repositories (Docker Hub's landing), not the visitors' home page.
  await stop(page, "/", "dashboard", "Repositories");
  await expect(page).toHaveURL(/\/repositories$/);
  await stop(page, "/explore", "explore", /./);
  await stop(page, "/health", "health", /./);
  await stop(page, "/api-docs", "api-docs", /./);
  await stop(page, `/u/${owner.username}`, "user-profile", /./);
  await stop(page, "/starred", "starred", /./);
  await stop(page, "/notifications", "notifications", /./);
  await stop(page, "/invitations", "invitations", /./);
  await stop(page, "/repositories", "repositories", /./);
  await stop(page, "/repositories/new", "repository-new", /./);
  await stop(page, `/r/${repo}`, "repository", /web/);
  await stop(page, `/r/${repo}/tags`, "tags", /web/);
  await stop(page, `/r/${repo}/tags/2.0`, "tag", /./);
  await stop(page, `/r/${repo}/compare?a=1.0&b=2.0`, "compare", /./);
  await stop(page, `/r/${repo}/settings`, "repository-settings", /web/);
  await stop(page, `/r/${repo}/collaborators`, "collaborators", /web/);
  await stop(page, `/r/${repo}/webhooks`, "webhooks", /web/);
  await stop(page, `/r/${repo}/webhooks/new`, "webhook-new", /web/);
  await stop(page, webhookPath, "webhook", /web/);
  await stop(page, `${webhookPath}/edit`, "webhook-edit", /web/);
  await stop(page, "/settings", "settings", "Profile");
  await stop(page, "/settings/general", "settings-general", /./);
  await stop(page, "/settings/account", "settings-account", /./);
  await stop(page, "/settings/security", "settings-security", /./);
  await stop(page, "/settings/tokens", "settings-tokens", /./);
  await stop(page, "/settings/notifications", "settings-notifications", /./);
  await stop(page, "/settings/audit-log", "settings-audit-log", /./);
  await stop(page, "/orgs", "orgs", "Organizations");
  await stop(page, "/orgs/new", "org-new", /./);
  await stop(page, `/orgs/${org}`, "org", /./);
  await stop(page, `/orgs/${org}/members`, "org-members", /./);
  await stop(page, teamPath, "org-team", /./);
  await stop(page, `/orgs/${org}/settings`, "org-settings", /./);
  await stop(page, `/orgs/${org}/audit-log`, "org-audit-log", /./);
  await stop(page, `/r/${owner.username}/no-such-repository`, "not-found", /./);

  await signOut(page);
  await signIn(page, { username: "operator", password: process.env.E2E_ADMIN_PASSWORD! });
  await page.getByTestId("signed-in-as").waitFor();
  await stop(page, "/admin/settings", "admin-settings", /./);
  await stop(page, "/admin/storage", "admin-storage", "Storage");
  await stop(page, `/admin/storage/namespaces/${owner.username}`, "admin-storage-namespace", /Storage of/);
});
