import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { buildImage, pushImage } from "../tests/helpers/oci-image";
import { signIn, signUp } from "./support/factory";
import { shot } from "./support/shot";

const operator = () => ({ username: "operator", password: process.env.E2E_ADMIN_PASSWORD! });

async function saveLimits(page: Page, fill: { enabled: boolean; account?: string; anonymous?: string; per?: string }) {
  await page.goto("/admin/settings");
  const section = page.getByRole("region", { name: "Pull rate limits" });
  await section.getByLabel("Limit pulls").setChecked(fill.enabled);
  if (fill.account !== undefined) await section.getByLabel("Pulls per account").fill(fill.account);
  if (fill.anonymous !== undefined) await section.getByLabel("Anonymous pulls per address").fill(fill.anonymous);
  if (fill.per !== undefined) await section.getByLabel("Counted over").selectOption({ label: fill.per });
  await section.getByRole("button", { name: "Save pull limits" }).click();
  return section;
}

/** A manifest request through the console's own address with a pull token of `user`. */
async function manifest(request: APIRequestContext, repo: string, token: string, method: "GET" | "HEAD") {
  return request.fetch(`/v2/${repo}/manifests/1.0`, {
    method,
    headers: { authorization: `Bearer ${token}`, accept: "application/vnd.oci.image.manifest.v1+json" },
  });
}

test("pull rate limits: the operator sets them in Site settings, a client over the limit gets 429 TOOMANYREQUESTS, and turning them off lifts it", async ({
  page: userPage,
  browser,
}) => {
  // The operator in a browser of their own, so the limit is turned off again whatever fails.
  const adminContext = await browser.newContext();
  const page = await adminContext.newPage();
  await signIn(page, operator());
  await page.getByTestId("signed-in-as").waitFor();

  // Bad input is explained next to the field, and nothing is saved.
  let section = await saveLimits(page, { enabled: true, account: "0" });
  await expect(section.getByText("Allow at least 1 pull")).toBeVisible();
  await page.reload();
  await expect(section.getByLabel("Limit pulls")).not.toBeChecked();

  try {
    section = await saveLimits(page, { enabled: true, account: "2", anonymous: "1", per: "1 hour" });
    await expect(section.getByTestId("form-success")).toHaveText(
      "Pulls are limited: 2 per account and 1 per anonymous address per 1 hour. Every console applies it at once.",
    );
    await page.reload();
    await expect(section.getByLabel("Limit pulls")).toBeChecked();
    await expect(section.getByLabel("Pulls per account")).toHaveValue("2");
    await shot(page, "admin-pull-limits");

    const owner = await signUp(userPage);
    const registry = (await (await userPage.request.get("/api/health")).json()).registry.host as string;
    const repo = `${owner.username}/limited`;
    const image = await buildImage({ layers: [{ files: { "a.txt": owner.username } }] });
    await pushImage(image, {
      registry,
      repository: repo,
      tag: "1.0",
      username: owner.username,
      password: owner.password,
    });
    const basic = Buffer.from(`${owner.username}:${owner.password}`).toString("base64");
    const tokenRes = await userPage.request.get(
      `/api/registry/token?service=registry-console&scope=repository:${repo}:pull`,
      {
        headers: { authorization: `Basic ${basic}` },
      },
    );
    const { token } = (await tokenRes.json()) as { token: string };

    // A HEAD shows the limit without spending a pull.
    await expect
      .poll(async () => (await manifest(page.request, repo, token, "HEAD")).headers()["ratelimit-limit"], {
        timeout: 8000,
      })
      .toBe("2;w=3600");
    expect((await manifest(page.request, repo, token, "GET")).status()).toBe(200);
    expect((await manifest(page.request, repo, token, "GET")).status()).toBe(200);
    const over = await manifest(page.request, repo, token, "GET");
    expect(over.status()).toBe(429);
    expect(over.headers()["ratelimit-remaining"]).toBe("0;w=3600");
    expect(await over.json()).toMatchObject({ errors: [{ code: "TOOMANYREQUESTS" }] });
    expect((await over.json()).errors[0].message).toMatch(
      /^You have reached your pull rate limit \(2 per 1 hour\)\. Try again in (1 hour|\d+ minutes?)\.$/,
    );
  } finally {
    await saveLimits(page, { enabled: false });
    await expect(page.getByTestId("form-success")).toHaveText("Pulls are not limited.");
    await adminContext.close();
  }
});

test("read-only mode: the operator turns it on with a message, pushes are refused with it while pulls go on, and off again", async ({
  page: userPage,
  browser,
}) => {
  const owner = await signUp(userPage);
  const registry = (await (await userPage.request.get("/api/health")).json()).registry.host as string;
  const repo = `${owner.username}/maintained`;
  const push = async (tag: string) =>
    pushImage(await buildImage({ layers: [{ files: { "t.txt": tag } }] }), {
      registry,
      repository: repo,
      tag,
      username: owner.username,
      password: owner.password,
    });
  await push("1.0");
  const basicAuth = `Basic ${Buffer.from(`${owner.username}:${owner.password}`).toString("base64")}`;
  const pullPushToken = async () =>
    (
      (await (
        await userPage.request.get(`/api/registry/token?service=registry-console&scope=repository:${repo}:pull,push`, {
          headers: { authorization: basicAuth },
        })
      ).json()) as { token: string }
    ).token;

  const adminContext = await browser.newContext();
  const page = await adminContext.newPage();
  await signIn(page, operator());
  await page.getByTestId("signed-in-as").waitFor();
  await page.goto("/admin/settings");
  const section = page.getByRole("region", { name: "Read-only mode" });
  try {
    // On without a message: the form asks for one.
    await section.getByLabel("Read-only registry").check();
    await section.getByRole("button", { name: "Save read-only mode" }).click();
    await expect(section.getByText('Say why, e.g. "Garbage collection until 14:00 UTC."')).toBeVisible();
    await section.getByLabel("Message for clients").fill("Moving storage, back at 15:00 UTC.");
    await section.getByRole("button", { name: "Save read-only mode" }).click();
    await expect(section.getByTestId("form-success")).toHaveText(
      "The registry is read-only: pushes and deletes are refused, pulls go on.",
    );
    await page.reload();
    await expect(section.getByRole("status")).toContainText("Read-only since");
    await shot(page, "admin-read-only");

    // skopeo (like docker) prints only the status of a 5xx answer; the body carries the message.
    await expect(push("2.0")).rejects.toThrow(/503 Service Unavailable/);
    const refused = await userPage.request.post(`/v2/${repo}/blobs/uploads/`, {
      headers: { authorization: `Bearer ${await pullPushToken()}` },
    });
    expect(refused.status()).toBe(503);
    expect((await refused.json()).errors[0].message).toContain("read-only for now: Moving storage, back at 15:00 UTC.");
    expect((await manifest(userPage.request, repo, await pullPushToken(), "GET")).status()).toBe(200);
  } finally {
    await page.goto("/admin/settings");
    await section.getByLabel("Read-only registry").uncheck();
    await section.getByRole("button", { name: "Save read-only mode" }).click();
    await expect(section.getByTestId("form-success")).toHaveText("The registry takes pushes again.");
    await adminContext.close();
  }
  await push("2.0");
});
