import { expect, test } from "@playwright/test";
import { formatBytes } from "../lib/format";
import { buildImage, pushImage } from "../tests/helpers/oci-image";
import { signUp } from "./support/factory";
import { shot } from "./support/shot";

test("deleting tags asks in a dialog naming them; cancel deletes nothing; a tag sharing its image with another is refused; confirmed deletes remove the tags", async ({
  page,
}) => {
  const owner = await signUp(page);
  const registry = (await (await page.request.get("/api/health")).json()).registry.host as string;
  const repository = `${owner.username}/app`;
  const a = await buildImage({ layers: [{ files: { "a.txt": "a" } }] });
  // Content of its own (other tests push "b" images too), so what deleting it frees is its own.
  const b = await buildImage({ layers: [{ files: { "b.txt": `b ${owner.username}` } }] });
  const creds = { registry, repository, username: owner.username, password: owner.password };
  await pushImage(a, { ...creds, tag: "1.0" });
  await pushImage(a, { ...creds, tag: "latest" });
  await pushImage(b, { ...creds, tag: "2.0" });

  // The tag list is the index, fed by the registry's events a moment after each push: reload until the last one is in.
  await page.goto(`/r/${repository}/tags`);
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("tag-item")).toHaveCount(3, { timeout: 1000 });
  }).toPass({ timeout: 15_000, intervals: [250, 500, 1000] });
  const del = page.getByRole("button", { name: "Delete selected tags" });
  const dialog = page.getByTestId("delete-tags-dialog");
  await expect(del).toBeDisabled();

  // Cancel sends nothing: the dialog names the tag, closes, and every tag is still there.
  await page.getByLabel("Select 2.0").check();
  await expect(page.getByTestId("tag-selected-count")).toHaveText("1 tag selected");
  await del.click();
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("heading")).toHaveText("Delete 1 tag?");
  await expect(dialog.getByTestId("delete-tags-list").getByRole("listitem")).toHaveText(["2.0"]);
  // What it would free, looked up as the dialog opens: 2.0's image shares nothing, so its manifest,
  // config and layer, in the repository, the namespace and on disk alike.
  const freed = formatBytes(b.manifestBytes.length + b.totalSize);
  await expect(dialog.getByTestId("deletion-impact")).toContainText(
    `Frees ${freed} of ${repository}'s storage and ${freed} of ${owner.username}'s; up to ${freed} on disk`,
  );
  await shot(page, "tags-delete-impact");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await page.reload();
  await expect(page.getByTestId("tag-item")).toHaveCount(3);

  // A tag sharing its image with an unselected tag: refused, named, nothing deleted; the selection stays.
  await page.getByLabel("Select 1.0").check();
  await del.click();
  await dialog.getByRole("button", { name: "Delete 1 tag" }).click();
  await expect(page.getByTestId("form-error")).toContainText("1.0 shares the same image as latest");
  await expect(page.getByTestId("tag-selected-count")).toHaveText("1 tag selected");
  await shot(page, "tags-shared-digest");
  await page.reload();
  await expect(page.getByTestId("tag-item")).toHaveCount(3);

  await page.getByLabel("Select 2.0").check();
  await del.click();
  await dialog.getByRole("button", { name: "Delete 1 tag" }).click();
  await expect(page.getByTestId("form-success")).toHaveText("Deleted 2.0.");
  await expect(page.getByTestId("tag-item")).toHaveCount(2);
  await expect(page.locator('[data-tag="2.0"]')).toHaveCount(0);
  await expect(del).toBeDisabled();

  await page.goto(`/r/${repository}`);
  await expect(page.getByTestId("latest-tags")).toContainText("latest");
  await expect(page.getByTestId("latest-tags")).not.toContainText("2.0");

  // Both tags of the shared image at once: the dialog counts and lists them (in the table's order), and both go.
  await page.goto(`/r/${repository}/tags?sort=name`);
  await page.getByLabel("Select 1.0").check();
  await page.getByLabel("Select latest").check();
  await del.click();
  await expect(dialog.getByRole("heading")).toHaveText("Delete 2 tags?");
  await expect(dialog.getByTestId("delete-tags-list").getByRole("listitem")).toHaveText(["1.0", "latest"]);
  await shot(page, "tags-delete-dialog");
  await dialog.getByRole("button", { name: "Delete 2 tags" }).click();
  await expect(page.getByText("No tags yet")).toBeVisible();
});
