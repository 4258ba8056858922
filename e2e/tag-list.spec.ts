import { expect, test } from "@playwright/test";
import { buildImage, buildMultiPlatformImage, pushImage, skopeoRun } from "../tests/helpers/oci-image";
import { signUp } from "./support/factory";
import { shot } from "./support/shot";
import { reloadUntil } from "./support/reload-until";

test("tag list: platforms, sizes, pulls, filter, sort and pages from the index; pull chart on the repository page", async ({
  page,
}) => {
  const owner = await signUp(page);
  const registry = (await (await page.request.get("/api/health")).json()).registry.host as string;
  const repository = `${owner.username}/web`;
  const creds = { registry, repository, username: owner.username, password: owner.password };
  const single = await buildImage({ layers: [{ files: { "a.txt": "a".repeat(3000) } }, { files: { "b.txt": "b" } }] });
  const multi = await buildMultiPlatformImage();
  await pushImage(single, { ...creds, tag: "1.0" });
  await pushImage(multi, { ...creds, tag: "multi" });
  // 25 tags per page: 26 more tags of one image make a second page.
  for (let i = 0; i < 26; i++) await pushImage(single, { ...creds, tag: `build-${String(i).padStart(2, "0")}` });
  for (let i = 0; i < 2; i++) {
    const r = await skopeoRun([
      "inspect",
      "--raw",
      "--tls-verify=false",
      "--creds",
      `${owner.username}:${owner.password}`,
      `docker://${registry}/${repository}:1.0`,
    ]);
    expect(r.code, r.stderr).toBe(0);
  }

  // "multi" sorts after the builds: on page 2 by name, so look at it through the filter first.
  await page.goto(`/r/${repository}/tags?q=multi`);
  await reloadUntil(
    page,
    () => expect(page.locator('[data-tag="multi"]').getByTestId("tag-platform")).toHaveCount(2),
    15_000,
  );
  await expect(page.locator('[data-tag="multi"]').getByTestId("tag-platforms")).toContainText("linux/arm64/v8");
  await expect(page.locator('[data-tag="multi"]').getByTestId("tag-pull-count")).toHaveText("0 pulls");
  await page.goto(`/r/${repository}/tags?sort=name`);
  await reloadUntil(
    page,
    async () => {
      await expect(page.getByTestId("tag-count")).toHaveText("28 tags");
      await expect(page.locator('[data-tag="1.0"]').getByTestId("tag-pull-count")).toHaveText("2 pulls");
    },
    15_000,
  );
  // Sorted by name: 1.0 first; 25 rows on page one.
  await expect(page.getByTestId("tag-item")).toHaveCount(25);
  await expect(page.getByTestId("tag-name").first()).toHaveText("1.0");
  const one = page.locator('[data-tag="1.0"]');
  await expect(one.getByTestId("tag-digest")).toHaveText(single.manifestDigest.slice(7, 19));
  await expect(one.getByTestId("tag-platform")).toHaveText(/linux\/amd64/);
  await shot(page, "tag-list");

  await page.getByRole("link", { name: "Next →" }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(page.getByTestId("tag-item")).toHaveCount(3);

  // Filter: a substring, kept in the URL with the sort.
  await page.goto(`/r/${repository}/tags`);
  await page.getByLabel("Filter tags").fill("mul");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/q=mul/);
  await expect(page.getByTestId("tag-item")).toHaveCount(1);
  await page.getByLabel("Filter tags").fill("nothing-like-this");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByTestId("no-matching-tags")).toBeVisible();
  await shot(page, "tag-list-no-match");

  // Sorted by last pushed (the default): the newest build first.
  await page.goto(`/r/${repository}/tags`);
  await expect(page.getByTestId("tag-name").first()).toHaveText("build-25");

  // The tag name opens the image page.
  await page.goto(`/r/${repository}/tags?sort=name`);
  await page.getByRole("link", { name: "1.0", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/r/${repository}/tags/1.0$`));

  await page.goto(`/r/${repository}`);
  await expect(page.getByTestId("repository-stats")).toContainText("2");
  await expect(page.getByTestId("pull-chart-total")).toHaveText("2 pulls in the last 30 days");
  const today = new Date().toISOString().slice(0, 10);
  await expect(page.locator(`[data-testid="pull-bar"][data-day="${today}"]`)).toHaveAttribute("data-pulls", "2");
  await expect(page.getByTestId("latest-tags")).toContainText("build-25");
  await shot(page, "repository-general-pulls");
  await page.getByRole("link", { name: "90 days" }).click();
  await expect(page).toHaveURL(/days=90/);
  await expect(page.getByTestId("pull-bar")).toHaveCount(90);
});

test("an admin re-scans a repository from the registry and sees what it found", async ({ page }) => {
  const owner = await signUp(page);
  const registry = (await (await page.request.get("/api/health")).json()).registry.host as string;
  const repository = `${owner.username}/scan`;
  await pushImage(await buildImage({ layers: [{ files: { "s.txt": repository } }] }), {
    registry,
    repository,
    tag: "v1",
    username: owner.username,
    password: owner.password,
  });
  await page.goto(`/r/${repository}/tags`);
  await reloadUntil(page, () => expect(page.getByTestId("tag-item")).toHaveCount(1), 15_000);
  await page.getByRole("button", { name: "Re-scan from registry" }).click();
  await expect(page.getByTestId("form-success")).toHaveText(
    "Re-scanned from the registry: 0 added, 0 changed, 0 removed.",
  );
  await expect(page.getByTestId("reconcile-last")).toContainText("0 added, 0 changed, 0 removed");
  await expect(page.getByTestId("tag-item")).toHaveCount(1);
});

test("an empty repository's tag list says how to push", async ({ page }) => {
  const owner = await signUp(page);
  await page.goto("/repositories/new");
  await page.getByLabel("Repository name").fill("empty");
  await page.getByRole("button", { name: "Create" }).click();
  await expect(page).toHaveURL(/\/r\/.+\/empty\?created=1$/);
  await page.goto(`/r/${owner.username}/empty/tags`);
  await expect(page.getByText("No tags yet")).toBeVisible();
  await expect(page.getByText(`docker push`)).toBeVisible();
  await shot(page, "tag-list-empty");
});
