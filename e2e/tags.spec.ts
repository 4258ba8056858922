import { expect, test } from "@playwright/test";
import { buildImage, pushImage } from "../tests/helpers/oci-image";
import { signUp } from "./support/factory";
import { shot } from "./support/shot";

test("deleting a tag that shares its image with another tag says so and deletes nothing; real deletes remove the tags", async ({
  page,
}) => {
  const owner = await signUp(page);
  const registry = (await (await page.request.get("/api/health")).json()).registry.host as string;
  const repository = `${owner.username}/app`;
  const a = await buildImage({ layers: [{ files: { "a.txt": "a" } }] });
  const b = await buildImage({ layers: [{ files: { "b.txt": "b" } }] });
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
  await page.getByLabel("Select 1.0").check();
  await page.getByRole("button", { name: "Delete selected tags" }).click();
  await expect(page.getByTestId("tag-field-error")).toHaveText("Confirm the deletion first");
  await page.getByLabel("Select 1.0").check();
  await page.getByLabel(/I understand the selected tags/).check();
  await page.getByRole("button", { name: "Delete selected tags" }).click();
  await expect(page.getByTestId("form-error")).toContainText("1.0 shares the same image as latest");
  await shot(page, "tags-shared-digest");
  await page.reload();
  await expect(page.getByTestId("tag-item")).toHaveCount(3);

  await page.getByLabel("Select 2.0").check();
  await page.getByLabel(/I understand the selected tags/).check();
  await page.getByRole("button", { name: "Delete selected tags" }).click();
  await expect(page.getByTestId("form-success")).toHaveText("Deleted 2.0.");
  await expect(page.getByTestId("tag-item")).toHaveCount(2);

  await page.goto(`/r/${repository}`);
  await expect(page.getByTestId("latest-tags")).toContainText("latest");
  await expect(page.getByTestId("latest-tags")).not.toContainText("2.0");
  await page.goto(`/r/${repository}/tags`);
  await page.getByLabel("Select 1.0").check();
  await page.getByLabel("Select latest").check();
  await page.getByLabel(/I understand the selected tags/).check();
  await page.getByRole("button", { name: "Delete selected tags" }).click();
  await expect(page.getByText("No tags yet")).toBeVisible();
});
