import { expect, test } from "@playwright/test";
import { buildImage, pushImage } from "../tests/helpers/oci-image";
import { signUp, uniqueUsername } from "./support/factory";
import { shot } from "./support/shot";

test("create an organization, invite a member who accepts, grant a team Read & Write: they see the private repository, others do not", async ({
  page,
  browser,
}) => {
  const owner = await signUp(page);
  const memberContext = await browser.newContext();
  const memberPage = await memberContext.newPage();
  const member = await signUp(memberPage);
  const outsiderContext = await browser.newContext();
  const outsiderPage = await outsiderContext.newPage();
  await signUp(outsiderPage);

  // Create the organization (one invalid name first).
  const org = uniqueUsername("org");
  await page.getByTestId("signed-in-as").click();
  await page.getByRole("link", { name: "Organizations" }).click();
  await page.getByRole("link", { name: "Create organization" }).click();
  await page.getByLabel("Organization name").fill("Bad Name");
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page.locator("#field-name-error")).toHaveText("Use only lowercase letters (a–z) and digits (0–9)");
  await page.getByLabel("Organization name").fill(org);
  await page.getByLabel("Display name (optional)").fill("Acme Corp");
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page).toHaveURL(new RegExp(`/orgs/${org}$`));
  await expect(page.getByRole("heading", { name: "Acme Corp" })).toBeVisible();
  await expect(page.getByTestId("repositories-empty")).toContainText("No repositories yet");

  // Private by default, then push a repository with skopeo as the owner.
  await page.getByRole("link", { name: "Settings" }).last().click();
  await page.getByRole("radio", { name: "Private" }).check();
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByTestId("form-success")).toHaveText("Settings saved.");
  const health = await (await page.request.get("/api/health")).json();
  const image = await buildImage({ layers: [{ files: { "app.txt": org } }] });
  await pushImage(image, {
    registry: health.registry.host,
    repository: `${org}/api`,
    tag: "1",
    username: owner.username,
    password: owner.password,
  });
  await page.goto(`/orgs/${org}`);
  await expect(page.getByTestId("repository-item")).toContainText(`${org}/api`);
  await expect(page.getByTestId("repository-item")).toContainText("Private");
  await expect(page.getByTestId("private-quota")).toHaveText("Private repositories: 1 (no limit)");

  // Invite the member by username; they accept from their invitations.
  await page.getByRole("link", { name: "Members & teams" }).click();
  await page.getByLabel("Invite by username or email").fill("nosuchuser1234");
  await page.getByRole("button", { name: "Invite" }).click();
  await expect(page.locator("#field-invitee-error")).toHaveText("No user with this name");
  await page.getByLabel("Invite by username or email").fill(member.username);
  await page.getByRole("button", { name: "Invite" }).click();
  await expect(page.getByTestId("form-success").first()).toContainText(`Invitation sent to ${member.username}`);

  await memberPage.goto("/");
  await memberPage.getByRole("link", { name: "Invitations (1)" }).click();
  await shot(memberPage, "invitations");
  await memberPage.getByRole("button", { name: `Accept ${org}` }).click();
  await expect(memberPage).toHaveURL(new RegExp(`/orgs/${org}$`));
  // A member without a team grant does not see the private repository yet.
  await expect(memberPage.getByTestId("repositories-empty")).toBeVisible();

  // A team with Read & Write on the repository.
  await page.reload();
  await expect(page.getByTestId("member-list")).toContainText(member.username);
  await page.getByLabel("New team name").fill("developers");
  await page.getByRole("button", { name: "Create team" }).click();
  await expect(page.getByRole("heading", { name: "Team developers" })).toBeVisible();
  await page.getByLabel("Add an organization member").fill(member.username);
  await page.getByRole("button", { name: "Add member" }).click();
  await expect(page.getByTestId("team-members")).toContainText(member.username);
  // The permission select (the "Repository permissions" section is a named region too).
  await page.getByRole("combobox", { name: /^Permission/ }).selectOption("write");
  await page.getByRole("button", { name: "Set permission" }).click();
  await expect(page.getByTestId("team-permissions")).toContainText("Read & Write");
  await shot(page, "org-team");

  await memberPage.reload();
  await expect(memberPage.getByTestId("repository-item")).toContainText(`${org}/api`);
  await memberPage.getByRole("link", { name: `${org}/api` }).click();
  // Read & Write is not Admin: no Settings tab, and no Collaborators tab (nothing there they can act on).
  const memberTabs = memberPage.getByRole("navigation", { name: "Repository" });
  await expect(memberTabs.getByRole("link", { name: "Tags" })).toBeVisible();
  await expect(memberTabs.getByRole("link", { name: "Settings" })).toHaveCount(0);
  await expect(memberTabs.getByRole("link", { name: "Collaborators" })).toHaveCount(0);
  expect((await memberPage.goto(`/r/${org}/api/collaborators`))?.status()).toBe(404);
  // The owner sees the team on the Collaborators tab.
  await page.goto(`/r/${org}/api`);
  await page.getByRole("navigation", { name: "Repository" }).getByRole("link", { name: "Collaborators" }).click();
  await expect(page.getByTestId("collaborators")).toContainText("developers");
  await expect(page.getByTestId("collaborators")).toContainText("Read & Write");
  await memberPage.goto(`/orgs/${org}`);
  await shot(memberPage, "org-member-view");

  await outsiderPage.goto(`/orgs/${org}`);
  await expect(outsiderPage.getByTestId("repositories-empty")).toContainText("no repositories you can see");
  await expect(outsiderPage.getByRole("link", { name: "Members & teams" })).toHaveCount(0);
  const membersPage = await outsiderPage.goto(`/orgs/${org}/members`);
  expect(membersPage?.status()).toBe(404);

  await page.goto(`/orgs/${org}/members`);
  await shot(page, "org-members");
  await memberContext.close();
  await outsiderContext.close();
});
