import { expect, test, type Page } from "@playwright/test";
import { buildImage, pushImage } from "../tests/helpers/oci-image";
import { e2eMailDir } from "../tests/harness/e2e-mail-dir";
import { readMails } from "../tests/harness/smtp-sink";
import { signUp, uniqueUsername } from "./support/factory";
import { shot } from "./support/shot";

async function createOrganization(page: Page): Promise<string> {
  const org = uniqueUsername("org");
  await page.goto("/orgs/new");
  await page.getByLabel("Organization name").fill(org);
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page).toHaveURL(new RegExp(`/orgs/${org}$`));
  return org;
}

test("team page: Members & teams is the current tab; each permission row changes and removes its grant; edit is apart from a dialog-confirmed delete", async ({
  page,
}) => {
  const owner = await signUp(page);
  const org = await createOrganization(page);
  const registry = (await (await page.request.get("/api/health")).json()).registry.host as string;
  const image = await buildImage({ layers: [{ files: { "t.txt": org } }] });
  for (const repository of ["api", "web"])
    await pushImage(image, {
      registry,
      repository: `${org}/${repository}`,
      tag: "1",
      username: owner.username,
      password: owner.password,
    });

  await page.goto(`/orgs/${org}/members`);
  await expect(page).toHaveTitle(`Members & teams · ${org} · Dockyard`);
  await page.getByLabel("New team name").fill("developers");
  await page.getByRole("button", { name: "Create team" }).click();
  await expect(page.getByRole("heading", { name: "Team developers" })).toBeVisible();
  await expect(page).toHaveTitle(`Team developers · ${org} · Dockyard`);
  const tabs = page.getByRole("navigation", { name: "Organization" });
  await expect(tabs.getByRole("link", { name: "Members & teams" })).toHaveAttribute("aria-current", "page");
  await expect(tabs.getByRole("link", { name: "Repositories" })).not.toHaveAttribute("aria-current", "page");
  await expect(page.getByTestId("team-permissions")).toContainText("no access to any repository yet");
  await expect(
    page
      .getByTestId("grant-form")
      .getByRole("combobox", { name: /^Permission/ })
      .locator("option"),
  ).toHaveText(["Read-only", "Read & Write", "Admin"]);
  await shot(page, "team-empty");

  // Grant Read & Write on api: its row shows the saved permission, and the add form no longer offers api.
  const grant = page.getByTestId("grant-form");
  await grant.getByRole("combobox", { name: /^Repository/ }).selectOption("api");
  await grant.getByRole("combobox", { name: /^Permission/ }).selectOption("write");
  await grant.getByRole("button", { name: "Set permission" }).click();
  const api = page.getByTestId("team-permission").filter({ hasText: `${org}/api` });
  await expect(api.getByRole("combobox", { name: "Permission on api" })).toHaveValue("write");
  await expect(grant.getByRole("combobox", { name: /^Repository/ }).locator("option")).toHaveText(["web"]);

  // Change it on its row: the select keeps the saved value, after a reload too.
  await api.getByRole("combobox", { name: "Permission on api" }).selectOption("admin");
  await api.getByRole("button", { name: "Save permission on api" }).click();
  await expect(api.getByTestId("form-success")).toHaveText("Permission on api saved.");
  await expect(api.getByRole("combobox", { name: "Permission on api" })).toHaveValue("admin");
  await page.reload();
  await expect(api.getByRole("combobox", { name: "Permission on api" })).toHaveValue("admin");
  await page.goto(`/r/${org}/api/collaborators`);
  await expect(page.getByTestId("collaborators")).toContainText("developers");
  await expect(page.getByTestId("collaborators")).toContainText("Admin");
  await page.goBack();

  // Edit is an ordinary section; only the delete is in the danger zone.
  const edit = page.getByRole("region", { name: "Edit team" });
  await expect(edit.getByRole("button", { name: "Save team" })).toBeVisible();
  await expect(edit.getByRole("button", { name: "Delete team" })).toHaveCount(0);
  await expect(
    page.getByRole("region", { name: "Delete team" }).getByRole("button", { name: "Delete team" }),
  ).toBeVisible();
  await shot(page, "team-with-permission");

  // Remove asks first, then the row is gone.
  await api.getByRole("button", { name: "Remove access to api" }).click();
  const remove = page.getByRole("dialog", { name: `Remove access to ${org}/api?` });
  await expect(remove).toContainText("lose their Admin access");
  await shot(page, "team-remove-dialog");
  await remove.getByRole("button", { name: "Remove access" }).click();
  await expect(page.getByTestId("team-permission")).toHaveCount(0);
  await expect(page.getByTestId("team-permissions")).toContainText("no access to any repository yet");
  await page.goto(`/r/${org}/api/collaborators`);
  await expect(page.getByTestId("no-collaborators")).toBeVisible();
  await page.goBack();

  // Delete: Cancel keeps the team; confirming removes it.
  await page.getByRole("button", { name: "Delete team" }).click();
  const drop = page.getByRole("dialog", { name: "Delete team developers?" });
  await drop.getByRole("button", { name: "Cancel" }).click();
  await expect(drop).toBeHidden();
  await page.getByRole("button", { name: "Delete team" }).click();
  await drop.getByRole("button", { name: "Delete team" }).click();
  await expect(page).toHaveURL(new RegExp(`/orgs/${org}/members$`));
  await expect(page.getByTestId("team-list")).not.toContainText("developers");
});

test("invitations: owners see who was invited, by whom and until when, resend (the mail arrives again) and revoke; the invitee sees who invited them", async ({
  page,
  browser,
}) => {
  const owner = await signUp(page);
  const inviteeContext = await browser.newContext();
  const inviteePage = await inviteeContext.newPage();
  const invitee = await signUp(inviteePage);
  const org = await createOrganization(page);
  const address = `${uniqueUsername("mail")}@example.test`;

  await page.goto(`/orgs/${org}/members`);
  await expect(page.getByTestId("no-pending-invitations")).toBeVisible();
  for (const who of [invitee.username, address]) {
    await page.getByLabel("Invite by username or email").fill(who);
    await page.getByRole("button", { name: "Invite" }).click();
    await expect(page.getByTestId("form-success").first()).toContainText(`Invitation sent to ${who}`);
  }
  const byMail = page.getByTestId("pending-invitation").filter({ hasText: address });
  const byName = page.getByTestId("pending-invitation").filter({ hasText: invitee.username });
  await expect(page.getByTestId("pending-invitation")).toHaveCount(2);
  await expect(byName).toContainText(`Invited by ${owner.username}`);
  await expect(byMail).toContainText(`Invited by ${owner.username}`);
  const in14Days = new Intl.DateTimeFormat("en", { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" });
  await expect(byMail.getByTestId("invitation-expires")).toHaveText(in14Days.format(Date.now() + 14 * 86_400_000));
  await shot(page, "org-pending-invitations");

  // The invitee sees who asked, and to what.
  await inviteePage.goto("/invitations");
  await expect(inviteePage.getByTestId("invitation-from")).toHaveText(
    `${owner.username} invited you to join the organization ${org}.`,
  );
  await shot(inviteePage, "invitations-invitee");

  // Resend: the same mail a second time.
  const mails = async () =>
    (await readMails(e2eMailDir(process.env.E2E_PORT ?? "3917"))).filter((m) => m.to.includes(address));
  await expect.poll(async () => (await mails()).length).toBe(1);
  await byMail.getByRole("button", { name: "Resend" }).click();
  await expect(byMail.getByTestId("form-success")).toHaveText(
    `Invitation sent to ${address} again; it now expires in 14 days.`,
  );
  await expect.poll(async () => (await mails()).length).toBe(2);
  const [again, first] = await mails();
  expect(again!.subject).toBe(first!.subject);
  expect(again!.text).toBe(first!.text);

  // Revoke asks first; the invitee can no longer see or accept it.
  await byName.getByRole("button", { name: `Revoke the invitation of ${invitee.username}` }).click();
  const revoke = page.getByRole("dialog", { name: `Revoke the invitation of ${invitee.username}?` });
  await revoke.getByRole("button", { name: "Revoke invitation" }).click();
  await expect(byName).toHaveCount(0);
  await expect(page.getByTestId("pending-invitation")).toHaveCount(1);
  await inviteePage.reload();
  await expect(inviteePage.getByTestId("no-invitations")).toBeVisible();
  await page.goto(`/orgs/${org}/audit-log`);
  await expect(page.locator("main")).toContainText(`revoked the invitation of ${invitee.username}`);
  await expect(page.locator("main")).toContainText(`sent the invitation of ${address} to join ${org} again`);
  await inviteeContext.close();
});
