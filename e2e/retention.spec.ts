import { expect, test } from "@playwright/test";
import { buildImage, pushImage } from "../tests/helpers/oci-image";
import { signUp, uniqueUsername } from "./support/factory";
import { shot } from "./support/shot";

test("tag retention: rules added in settings (bad input is a field error), a schedule, a dry run and its record, the runs history", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const owner = await signUp(page);
  const registry = (await (await page.request.get("/api/health")).json()).registry.host as string;
  const repository = `${owner.username}/app`;
  const creds = { registry, repository, username: owner.username, password: owner.password };
  // Pushed one after another: "old" first, so it is the least recently pushed.
  for (const tag of ["old", "mid", "new"])
    await pushImage(await buildImage({ layers: [{ files: { [`${tag}.txt`]: `${owner.username} ${tag}` } }] }), {
      ...creds,
      tag,
    });
  await page.goto(`/r/${repository}/tags`);
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("tag-item")).toHaveCount(3, { timeout: 1000 });
  }).toPass({ timeout: 15_000, intervals: [250, 500, 1000] });

  // From the personal settings to the retention page: empty states for rules and runs.
  await page.goto("/settings/general");
  await page.getByTestId("retention-link").click();
  await expect(page).toHaveURL(/\/settings\/retention$/);
  await expect(page.getByTestId("retention-rules-empty")).toContainText("No retention rules yet");
  await expect(page.getByTestId("retention-runs-empty")).toContainText("No runs yet");
  await expect(page.getByRole("button", { name: "Dry run", exact: true })).toBeDisabled();
  await shot(page, "retention-empty");

  // Bad input: a pattern that does not compile, then N = 0; nothing is added.
  const add = page.getByTestId("add-retention-rule");
  await add.getByLabel("Tag pattern").fill("release-{1");
  await add.getByRole("button", { name: "Add rule" }).click();
  await expect(add.locator("#tag-pattern-new-error")).toContainText('Unbalanced "{"');
  await add.getByLabel("Tag pattern").fill("**");
  await add.getByLabel("N", { exact: true }).fill("0");
  await add.getByRole("button", { name: "Add rule" }).click();
  await expect(add.locator("#n-new-error")).toContainText("whole number from 1");
  await expect(page.getByTestId("retention-rule")).toHaveCount(0);

  // Keep the 2 most recently pushed.
  await add.getByLabel("Repository pattern").fill("app");
  await add.getByLabel("Keep").selectOption("latest_pushed");
  await add.getByLabel("N", { exact: true }).fill("2");
  await add.getByRole("button", { name: "Add rule" }).click();
  await expect(page.getByTestId("retention-rule")).toHaveCount(1);
  await expect(page.getByTestId("retention-rule")).toContainText("keep the 2 most recently pushed");

  // A schedule that does not parse, then one that does.
  const schedule = page.getByTestId("retention-schedule");
  await schedule.getByLabel("Runs").selectOption("cron");
  await schedule.getByLabel(/^Cron/).fill("61 * * * *");
  await schedule.getByRole("button", { name: "Save schedule" }).click();
  await expect(schedule.locator("#field-cron-error")).toContainText("out of range");
  await schedule.getByLabel(/^Cron/).fill("0 3 * * *");
  await schedule.getByRole("button", { name: "Save schedule" }).click();
  await expect(schedule.getByTestId("form-success")).toContainText('cron "0 3 * * *"');

  // A dry run: confirmed, then its record lists "old" as what would be deleted.
  await page.getByRole("button", { name: "Dry run", exact: true }).click();
  const dialog = page.getByTestId("retention-dry-run-dialog");
  await dialog.getByRole("button", { name: "Start dry run" }).click();
  await expect(page).toHaveURL(/\/settings\/retention\/runs\/[0-9a-f-]{36}$/);
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("run-status").first()).toHaveText("succeeded", { timeout: 1000 });
  }).toPass({ timeout: 30_000, intervals: [250, 500, 1000] });
  await expect(page.getByTestId("run-totals")).toContainText("Would be deleted1");
  const repo = page.getByTestId("run-repository");
  await expect(repo.getByTestId("deleted")).toHaveText(/old/);
  await expect(repo.getByTestId("retained")).toContainText("rule 1: keep the 2 most recently pushed");
  await expect(repo.getByTestId("retained").locator("li")).toHaveCount(2);
  await shot(page, "retention-run-detail");

  // Nothing was deleted; the history lists the run.
  await page.goto(`/r/${repository}/tags`);
  await expect(page.getByTestId("tag-item")).toHaveCount(3);
  await page.goto("/settings/retention");
  await expect(page.getByTestId("retention-run")).toHaveCount(1);
  await expect(page.getByTestId("retention-run")).toContainText("dry run");
  await shot(page, "retention-populated");
});

test("tag retention of an organization: linked from its settings, under its Settings tab; an unknown run is not found", async ({
  page,
}) => {
  await signUp(page);
  const org = uniqueUsername("org");
  await page.goto("/orgs/new");
  await page.getByLabel("Organization name").fill(org);
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page).toHaveURL(new RegExp(`/orgs/${org}$`));
  await page.goto(`/orgs/${org}/settings`);
  await page.getByTestId("retention-link").click();
  await expect(page).toHaveURL(new RegExp(`/orgs/${org}/settings/retention$`));
  await expect(page.getByRole("link", { name: "Settings", exact: true })).toHaveAttribute("aria-current", "page");
  await expect(page.getByTestId("retention-rules-empty")).toBeVisible();
  await expect(page.getByText(`In the repositories of ${org}/`)).toBeVisible();
  await page.goto(`/orgs/${org}/settings/retention/runs/00000000-0000-4000-8000-000000000000`);
  await expect(page.getByText("This retention run does not exist")).toBeVisible();
});
