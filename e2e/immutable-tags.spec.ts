import { expect, test } from "@playwright/test";
import { buildImage, pushImage } from "../tests/helpers/oci-image";
import { signUp } from "./support/factory";
import { shot } from "./support/shot";

test("immutable tags: a rule added in settings (a bad pattern is a field error) locks matching tags in the list, their deletion is disabled and refused; deleting the rule through its dialog frees them", async ({
  page,
}) => {
  const owner = await signUp(page);
  const registry = (await (await page.request.get("/api/health")).json()).registry.host as string;
  const repository = `${owner.username}/app`;
  const a = await buildImage({ layers: [{ files: { "a.txt": "a" } }] });
  const b = await buildImage({ layers: [{ files: { "b.txt": "b" } }] });
  const creds = { registry, repository, username: owner.username, password: owner.password };
  await pushImage(a, { ...creds, tag: "v1.0" });
  await pushImage(b, { ...creds, tag: "latest" });

  // The empty state explains what a rule does.
  await page.goto("/settings/general");
  const section = page.getByTestId("immutable-rules");
  await expect(section.getByTestId("immutable-rules-empty")).toContainText("can neither be pushed again");
  await section.scrollIntoViewIfNeeded();
  await shot(page, "immutable-rules-empty");

  // A pattern that does not compile: the field says why, nothing is added.
  await section.getByLabel("Repositories", { exact: true }).fill("**");
  await section.getByLabel("Tags", { exact: true }).fill("release-{1,2");
  await section.getByRole("button", { name: "Add rule" }).click();
  await expect(section.locator("#field-tagPattern-error")).toContainText('Unbalanced "{"');
  await expect(section.getByTestId("immutable-rule")).toHaveCount(0);

  await section.getByLabel("Tags", { exact: true }).fill("v*");
  await section.getByRole("button", { name: "Add rule" }).click();
  await expect(page.getByTestId("form-success")).toContainText('Tags matching "v*"');
  await expect(section.getByTestId("immutable-rule")).toHaveCount(1);
  await expect(section.getByTestId("immutable-rule")).toContainText(owner.username);
  await shot(page, "immutable-rules");

  // The tag list: v1.0 carries the lock with its rule, and cannot be selected for deletion.
  await page.goto(`/r/${repository}/tags?sort=name`);
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("tag-item")).toHaveCount(2, { timeout: 1000 });
  }).toPass({ timeout: 15_000, intervals: [250, 500, 1000] });
  const locked = page.locator('[data-tag="v1.0"]');
  await expect(locked.getByTestId("immutable-badge")).toHaveAttribute("title", /rule: repositories "\*\*", tags "v\*"/);
  await expect(page.locator('[data-tag="latest"]').getByTestId("immutable-badge")).toHaveCount(0);
  const box = page.getByLabel("v1.0 is immutable and cannot be deleted");
  await expect(box).toBeDisabled();
  // Select-all leaves it out.
  await page.getByTestId("select-all-tags").check();
  await expect(page.getByTestId("tag-selected-count")).toHaveText("1 tag selected");
  await expect(box).not.toBeChecked();
  await page.getByTestId("select-all-tags").uncheck();
  await shot(page, "immutable-tag-list");

  // Delete the rule through its dialog; the lock is gone and the tag can be selected.
  await page.goto("/settings/general");
  await section.getByRole("button", { name: /Delete the rule for repositories \*\*, tags v\*/ }).click();
  const dialog = page.getByTestId("delete-immutable-rule-dialog");
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Delete rule" }).click();
  await expect(section.getByTestId("immutable-rules-empty")).toBeVisible();
  await page.goto(`/r/${repository}/tags?sort=name`);
  await expect(page.getByTestId("immutable-badge")).toHaveCount(0);
  await expect(page.getByLabel("Select v1.0")).toBeEnabled();
});
