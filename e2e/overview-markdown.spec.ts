import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Locator } from "@playwright/test";
import { signUp } from "./support/factory";
import { shot } from "./support/shot";

/**
 * The contrast ratio (WCAG) between an element's text colour and the background it is painted on
 * (its own, or the nearest ancestor's that is not transparent). Colours go through a canvas, which
 * turns Tailwind's oklch() into RGB.
 */
async function textContrast(el: Locator): Promise<number> {
  return el.evaluate((node) => {
    const ctx = document.createElement("canvas").getContext("2d", { willReadFrequently: true })!;
    const rgba = (css: string) => {
      ctx.clearRect(0, 0, 1, 1);
      ctx.fillStyle = css;
      ctx.fillRect(0, 0, 1, 1);
      return Array.from(ctx.getImageData(0, 0, 1, 1).data);
    };
    let bg: number[] = [255, 255, 255, 255];
    for (let n: Element | null = node; n; n = n.parentElement) {
      const c = rgba(getComputedStyle(n).backgroundColor);
      if (c[3]! > 0) {
        bg = c;
        break;
      }
    }
    const luminance = ([r, g, b]: number[]) =>
      [r!, g!, b!]
        .map((v) => v / 255)
        .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))
        .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i]!, 0);
    const [a, b] = [luminance(rgba(getComputedStyle(node).color)), luminance(bg)];
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  });
}

const OVERVIEW = [
  "# Docs service",
  "",
  "Run it with `docker run`:",
  "",
  "```sh",
  "docker run --rm -p 8080:8080 docs-service",
  "```",
  "",
  "| Variable | Default |",
  "| --- | --- |",
  "| `PORT` | 8080 |",
  "| `LOG_LEVEL` | info |",
  "",
  "- [x] Build the image",
  "- [ ] Write the docs",
  "",
  "The ~~old endpoint~~ is gone. See https://example.com/docs or [this](javascript:alert(1)).",
].join("\n");

/** What GFM makes of OVERVIEW, wherever it is rendered (the preview and the repository page). */
async function expectRendered(scope: Locator) {
  await expect(scope.getByRole("heading", { name: "Docs service", level: 2 })).toBeVisible();
  await expect(scope.locator("table")).toHaveCount(1);
  await expect(scope.getByRole("columnheader")).toHaveText(["Variable", "Default"]);
  await expect(scope.getByRole("row")).toHaveCount(3);
  await expect(scope.getByRole("checkbox", { name: "Build the image" })).toBeChecked();
  await expect(scope.getByRole("checkbox", { name: "Write the docs" })).not.toBeChecked();
  await expect(scope.locator("del")).toHaveText("old endpoint");
  await expect(scope.getByRole("link", { name: "https://example.com/docs" })).toHaveAttribute(
    "href",
    "https://example.com/docs",
  );
  expect((await scope.getByRole("link", { name: "this" }).getAttribute("href")) ?? "").not.toContain("javascript");
  const block = scope.locator("pre code");
  await expect(block).toHaveText("docker run --rm -p 8080:8080 docs-service");
  // Readable, not merely different: WCAG AA asks 4.5:1 for text (it was 1:1, light grey on light grey).
  expect(await textContrast(block)).toBeGreaterThan(4.5);
  expect(await textContrast(scope.locator(":not(pre) > code").first())).toBeGreaterThan(4.5);
}

test("overview in GitHub-flavoured Markdown: previewed in the form, saved, and rendered readable on the repository page", async ({
  page,
}) => {
  const owner = await signUp(page);
  const repository = `${owner.username}/docs`;
  await page.goto("/repositories/new");
  await page.getByLabel("Repository name").fill("docs");
  await page.getByRole("button", { name: "Create" }).click();
  await expect(page).toHaveURL(new RegExp(`/r/${repository}\\?created=1$`));

  await page.goto(`/r/${repository}/settings`);
  const write = page.getByRole("tab", { name: "Write" });
  const previewTab = page.getByRole("tab", { name: "Preview" });
  await expect(write).toHaveAttribute("aria-selected", "true");
  // An empty preview says so.
  await previewTab.click();
  await expect(page.getByTestId("overview-preview")).toHaveText(/Nothing to preview yet/);
  await write.click();
  await page.getByLabel("Overview (Markdown)").fill(OVERVIEW);
  await shot(page, "overview-write");

  // The arrow keys move between the tabs; the preview renders what was typed, before any save.
  await write.focus();
  await page.keyboard.press("ArrowRight");
  await expect(previewTab).toBeFocused();
  await expect(previewTab).toHaveAttribute("aria-selected", "true");
  const preview = page.getByTestId("overview-preview");
  await expect(page.getByLabel("Overview (Markdown)")).toBeHidden();
  await expectRendered(preview);
  await shot(page, "overview-preview");

  // Saved from the Preview tab: the hidden text area is still in the form.
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("form-success")).toHaveText("Saved.");

  await page.goto(`/r/${repository}`);
  const overview = page.getByRole("region", { name: "Overview" });
  await expectRendered(overview);
  const axe = await new AxeBuilder({ page }).include('[aria-labelledby="s-overview"]').analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await shot(page, "overview-page");
});
