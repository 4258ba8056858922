import { expect, test, type Page } from "@playwright/test";
import { buildImage, pushImage } from "../tests/helpers/oci-image";
import { signOut, signUp, uniqueUsername } from "./support/factory";
import { shot } from "./support/shot";
import { reloadUntil } from "./support/reload-until";

const step = (page: Page, key: string) => page.locator(`[data-testid="getting-started-step"][data-step="${key}"]`);

test("first run: signed in, / lands on my repositories; the checklist ticks off a real token, docker login, push and organization, then goes away", async ({
  page,
}) => {
  const account = await signUp(page);
  const host = (await (await page.request.get("/api/health")).json()).registry.host as string;
  await page.goto("/");
  await expect(page).toHaveURL(/\/repositories$/);
  const checklist = page.getByTestId("getting-started");
  await expect(checklist.getByRole("heading", { name: "Get started with Dockyard" })).toBeVisible();
  await expect(page.getByTestId("getting-started-progress")).toHaveText("0 of 4 done");
  // Real commands: this registry's host and the user's own namespace, never a placeholder.
  await expect(step(page, "login")).toContainText(`docker login -u ${account.username} ${host}`);
  await expect(step(page, "push")).toContainText(`docker push ${host}/${account.username}/my-app:1.0`);
  await expect(checklist).not.toContainText("<namespace>");
  await shot(page, "getting-started-new");

  // 1. A token, made on the tokens page the checklist links to.
  await step(page, "token").getByRole("link", { name: "Create a token" }).click();
  await expect(page).toHaveURL(/\/settings\/tokens$/);
  await page.getByLabel("Description").fill("laptop");
  await page.getByLabel(/Read & Write/).check();
  await page.getByRole("button", { name: "Generate token" }).click();
  const token = (await page.getByTestId("token-secret").textContent())!.trim();
  await page.goto("/repositories");
  await expect(step(page, "token")).toHaveAttribute("data-done", "true");
  await expect(step(page, "login")).toHaveAttribute("data-done", "false");
  await expect(page.getByTestId("getting-started-progress")).toHaveText("1 of 4 done");

  // 2. docker login, as docker does it: the OAuth2 password grant with a refresh token, the token as password.
  const login = await page.request.post("/api/registry/token", {
    form: {
      grant_type: "password",
      access_type: "offline",
      client_id: "docker",
      service: "registry-console",
      username: account.username,
      password: token,
    },
    headers: { "User-Agent": "docker/28.2.2 go/go1.24.4 os/linux arch/amd64" },
  });
  expect(login.status(), await login.text()).toBe(200);
  await page.reload();
  await expect(step(page, "login")).toHaveAttribute("data-done", "true");
  await expect(step(page, "push")).toHaveAttribute("data-done", "false");
  await shot(page, "getting-started-half");

  // 3. A real push with the token.
  const image = await buildImage({ layers: [{ files: { "hello.txt": account.username } }] });
  await pushImage(image, {
    registry: host,
    repository: `${account.username}/my-app`,
    tag: "1.0",
    username: account.username,
    password: token,
  });
  await reloadUntil(page, () => expect(step(page, "push")).toHaveAttribute("data-done", "true"));
  await expect(page.getByTestId("getting-started-progress")).toHaveText("3 of 4 done");

  // 4. An organization: every step is done, and the checklist is gone.
  await step(page, "team").getByRole("link", { name: "Create an organization" }).click();
  await page.getByLabel("Organization name").fill(uniqueUsername("fro"));
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page).toHaveURL(/\/orgs\/fro/);
  await page.goto("/repositories");
  await expect(page.getByTestId("repository-item").first()).toContainText("my-app");
  await expect(page.getByTestId("getting-started")).toHaveCount(0);
});

test("first run: the checklist can be dismissed, and stays dismissed; signed out, / is the home page", async ({
  page,
}) => {
  await signUp(page);
  await page.goto("/repositories");
  await expect(page.getByTestId("getting-started")).toBeVisible();
  await page.getByTestId("getting-started").getByRole("button", { name: "Dismiss" }).click();
  await expect(page.getByTestId("getting-started")).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole("heading", { name: "Repositories" })).toBeVisible();
  await expect(page.getByTestId("getting-started")).toHaveCount(0);
  await shot(page, "repositories-dismissed");

  await signOut(page);
  await page.goto("/");
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("container registry");
});
