import { expect, test } from "@playwright/test";
import { buildImage, pushImage } from "../tests/helpers/oci-image";
import { signUp } from "./support/factory";
import { shot } from "./support/shot";

test("build settings: an admin sets an SSH source with a generated deploy key, adds a regex rule after field errors for a bad template and path, regenerates the key; builds are announced as off", async ({
  page,
}) => {
  const owner = await signUp(page);
  const registry = (await (await page.request.get("/api/health")).json()).registry.host as string;
  const repository = `${owner.username}/app`;
  const image = await buildImage({ layers: [{ files: { "a.txt": owner.username } }] });
  await pushImage(image, { registry, repository, tag: "1", username: owner.username, password: owner.password });

  await page.goto(`/r/${repository}`);
  await page.getByRole("link", { name: "Builds" }).click();
  await expect(page).toHaveURL(new RegExp(`/r/${repository}/builds$`));
  // Nothing pretends to build: the operator has not turned builds on.
  await expect(page.getByTestId("builds-disabled")).toContainText("Builds are not enabled on this site");
  await expect(page.getByTestId("build-rules-empty")).toBeVisible();
  await expect(page.getByRole("button", { name: /build now/i })).toHaveCount(0);
  await shot(page, "build-settings-empty");

  // A source over plain http is refused on its field; then an SSH source with a deploy key.
  const source = page.getByTestId("build-source-form");
  await source.getByLabel("Git repository URL").fill("http://93.184.215.14/acme/app.git");
  await source.getByRole("button", { name: "Save source" }).click();
  await expect(source.locator("#field-gitUrl-error")).toContainText("Use https://");
  await source.getByLabel("Git repository URL").fill("git@93.184.215.14:acme/app.git");
  await source.getByLabel(/Deploy key/).check();
  await source.getByRole("button", { name: "Save source" }).click();
  await expect(page.getByTestId("form-success")).toContainText("Add the deploy key below");
  await expect(page.getByTestId("build-webhook-secret")).toHaveText(/^[A-Za-z0-9_-]{43}$/);
  const key = page.getByTestId("deploy-public-key");
  await expect(key).toHaveText(/^ssh-ed25519 [A-Za-z0-9+/]{68} dockyard-build-/);
  const first = await key.textContent();
  await expect(page.getByTestId("deploy-key").getByRole("button", { name: "Copy public key" })).toBeVisible();

  // A rule whose template names a capture group the pattern lacks, and a Dockerfile outside the repository.
  const form = page.getByTestId("build-rule-form");
  await form.getByLabel("Tag", { exact: true }).check();
  await form.getByLabel("Source", { exact: true }).fill("^v([0-9]+)\\.([0-9]+)$");
  await form.getByLabel("The source is a regular expression").check();
  await form.getByLabel("Image tag template").fill("{1}.{3}");
  await form.getByLabel("Dockerfile path").fill("../Dockerfile");
  await form.getByLabel("Build arguments").fill("VERSION=1");
  await form.getByRole("button", { name: "Add rule" }).click();
  await expect(form.locator("#field-tagTemplate-error")).toContainText("capture group the expression does not have");
  await expect(form.locator("#field-dockerfilePath-error")).toHaveText("The path leaves the repository (..)");
  await expect(page.getByTestId("build-rule")).toHaveCount(0);
  // What was typed stays; fix the two fields.
  await expect(form.getByLabel("Source", { exact: true })).toHaveValue("^v([0-9]+)\\.([0-9]+)$");
  await expect(form.getByLabel("The source is a regular expression")).toBeChecked();
  await expect(form.getByLabel("Tag", { exact: true })).toBeChecked();
  await shot(page, "build-rule-errors");
  await form.getByLabel("Image tag template").fill("{1}.{2}-{sha7}");
  await form.getByLabel("Dockerfile path").fill("./docker/Dockerfile");
  await form.getByRole("button", { name: "Add rule" }).click();
  const row = page.getByTestId("build-rule");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Tag /^v([0-9]+)\\.([0-9]+)$/");
  await expect(row).toContainText("{1}.{2}-{sha7}");
  await expect(row).toContainText("docker/Dockerfile");
  await expect(row).toContainText("VERSION");

  // A new deploy key replaces the old one, after a confirmation.
  await page.getByRole("button", { name: "Generate a new deploy key" }).click();
  const dialog = page.getByTestId("regenerate-deploy-key-dialog");
  await dialog.getByRole("button", { name: "Generate new key" }).click();
  await expect(key).not.toHaveText(first!);
  await expect(key).toHaveText(/^ssh-ed25519 /);
  await shot(page, "build-settings");

  // The build webhook: its URL, and a new secret shown once after a confirmation.
  await expect(page.getByTestId("build-webhook-url")).toHaveText(/\/api\/build-hooks\/[^/]+\/[^/]+$/);
  await page.getByRole("button", { name: "Rotate secret" }).click();
  await page.getByTestId("rotate-webhook-secret-dialog").getByRole("button", { name: "Rotate secret" }).click();
  await expect(page.getByTestId("rotated-webhook-secret")).toHaveText(/^[A-Za-z0-9_-]{43}$/);

  // Edit the rule: turn it off.
  await row.getByRole("link", { name: "Edit" }).click();
  await expect(page.getByLabel("Tag", { exact: true })).toBeChecked();
  await page.getByLabel("Enabled").uncheck();
  await page.getByRole("button", { name: "Save rule" }).click();
  await expect(page.getByTestId("build-rule")).toContainText("Off");

  // Delete it through its dialog: back to the empty state.
  await page.getByRole("button", { name: /Delete the build rule for tag/ }).click();
  await page.getByTestId("delete-build-rule-dialog").getByRole("button", { name: "Delete rule" }).click();
  await expect(page.getByTestId("build-rules-empty")).toBeVisible();
});
