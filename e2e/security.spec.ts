import { expect, test, type Page } from "@playwright/test";
import { signUp } from "./support/factory";

/**
 * The pages run under a strict Content-Security-Policy (nonce scripts only): every page a user
 * goes through must work without a single violation, and the session cookie must be out of
 * scripts' reach.
 */
async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  const fromConsole: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to (execute|load|apply|connect|frame)/i.test(m.text()))
      fromConsole.push(m.text());
  });
  // Init scripts are injected by the browser's debugger protocol, so the policy does not block them.
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      const w = window as unknown as { __csp?: string[] };
      (w.__csp ??= []).push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return async () => [
    ...fromConsole,
    ...(await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? [])),
  ];
}

test("pages work under the CSP with no violations; the session cookie is HttpOnly and SameSite", async ({
  page,
  context,
}) => {
  const violations = await watchCsp(page);
  const response = await page.goto("/");
  const csp = response!.headers()["content-security-policy"]!;
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(csp).toContain("frame-ancestors 'none'");

  const account = await signUp(page);
  // A client-side form (live validation needs hydrated React) and a server action.
  await page.goto("/repositories/new");
  await page.getByLabel("Repository name").fill("Bad_Name-");
  await expect(page.locator("#field-name-error")).toContainText("Use lowercase letters");
  await page.getByLabel("Repository name").fill("csp-check");
  await expect(page.getByTestId("name-available")).toHaveText(`${account.username}/csp-check is available`);
  await page.getByRole("button", { name: "Create" }).click();
  await expect(page).toHaveURL(new RegExp(`/r/${account.username}/csp-check\\?created=1$`));
  for (const path of ["/explore", `/r/${account.username}/csp-check/tags`, "/settings/tokens", "/api-docs"]) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
  }
  expect(await violations()).toEqual([]);

  const session = (await context.cookies()).find((c) => c.name.endsWith("authjs.session-token"));
  expect(session).toBeDefined();
  expect(session!.httpOnly).toBe(true);
  expect(session!.sameSite).toBe("Lax");
  expect(await page.evaluate(() => document.cookie)).not.toContain("session-token");
});
