import { expect, test, type APIRequestContext } from "@playwright/test";
import { signIn, signUp, type TestAccount } from "./support/factory";
import { shot } from "./support/shot";

const DOCKER_UA =
  "docker/28.2.2 go/go1.24.4 git-commit/e6534b4 kernel/6.8.0-60-generic os/linux arch/amd64 UpstreamClient(Docker-Client/28.2.2 \\(linux\\))";

/** `docker login` as docker does it (the OAuth2 password grant, offline): the refresh token it keeps. */
async function dockerLogin(request: APIRequestContext, account: TestAccount, address: string): Promise<string> {
  const res = await request.post("/api/registry/token", {
    headers: { "User-Agent": DOCKER_UA, "X-Forwarded-For": address },
    form: {
      grant_type: "password",
      access_type: "offline",
      service: "registry-console",
      client_id: "docker",
      username: account.username,
      password: account.password,
    },
  });
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()).refresh_token;
}

const refresh = async (request: APIRequestContext, token: string) =>
  (
    await request.post("/api/registry/token", {
      form: { grant_type: "refresh_token", service: "registry-console", client_id: "docker", refresh_token: token },
    })
  ).status();

test("Security lists web sessions and docker logins, revokes them, and signs out everywhere after a confirmation", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const account = await signUp(page);
  await page.goto("/settings/security");
  const sessions = page.getByRole("region", { name: "Web sessions" });
  await expect(sessions.getByTestId("session-row")).toHaveCount(1);
  await expect(sessions.getByTestId("session-row").first()).toContainText("This session");
  await expect(sessions.getByTestId("session-row").first()).toContainText(/Chrome \d+/);
  const health = await (await page.request.get("/api/health")).json();
  await expect(page.getByTestId("docker-logins-empty")).toContainText("No docker client is logged in");
  await expect(page.getByTestId("docker-logins-empty")).toContainText(`docker login ${health.registry.host}`);
  await shot(page, "security-sessions-empty");

  // A second browser signs in; docker logs in with the password.
  const other = await browser.newContext({
    baseURL: new URL(page.url()).origin,
    userAgent: "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0",
  });
  const second = await other.newPage();
  await signIn(second, account);
  await expect(second.getByTestId("signed-in-as")).toHaveText(account.username);
  const token = await dockerLogin(page.request, account, "203.0.113.7");

  await page.reload();
  const logins = page.getByTestId("docker-login-row");
  await expect(logins).toHaveCount(1);
  await expect(logins.first()).toContainText("Docker 28.2.2 · linux/amd64");
  await expect(logins.first()).toContainText("Password");
  await expect(logins.first()).toContainText("203.0.113.7");
  await expect(logins.first().locator("td").nth(3)).toHaveText("just now");
  await expect(sessions.getByTestId("session-row")).toHaveCount(2);
  // This session first; the other one is the Firefox that just signed in.
  await expect(sessions.getByTestId("session-row").nth(0)).toContainText("This session");
  await expect(sessions.getByTestId("session-row").nth(1)).toContainText("Firefox 140 on Linux");
  await shot(page, "security-sessions-listed");

  await logins.first().getByRole("button", { name: "Revoke docker login Docker 28.2.2 · linux/amd64" }).click();
  await expect(page.getByTestId("docker-logins-empty")).toBeVisible();
  expect(await refresh(page.request, token)).toBe(401);

  await sessions.getByRole("button", { name: "Revoke session Firefox 140 on Linux" }).click();
  await expect(sessions.getByTestId("session-row")).toHaveCount(1);
  await second.reload();
  await expect(second.getByRole("link", { name: "Sign in" })).toBeVisible();

  // Everything again, then all of it ends at once.
  await signIn(second, account);
  await expect(second.getByTestId("signed-in-as")).toHaveText(account.username);
  const again = await dockerLogin(page.request, account, "203.0.113.8");
  await page.reload();
  await page.getByRole("button", { name: "Sign out everywhere", exact: true }).click();
  const confirm = page.getByTestId("sign-out-everywhere-confirm");
  await expect(confirm).toContainText("all 2 sessions, this one included");
  await expect(confirm).toContainText("the docker login");
  await shot(page, "security-sign-out-everywhere-confirm");
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(confirm).toHaveCount(0);
  expect(await refresh(page.request, again)).toBe(200);

  await page.getByRole("button", { name: "Sign out everywhere", exact: true }).click();
  await page.getByRole("button", { name: "Yes, sign out everywhere" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  expect((await page.context().cookies()).map((c) => c.name)).not.toContain("authjs.session-token");
  await second.reload();
  await expect(second.getByRole("link", { name: "Sign in" })).toBeVisible();
  expect(await refresh(page.request, again)).toBe(401);
  await other.close();
});
