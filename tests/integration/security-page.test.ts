import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { listRegistryLogins } from "@/lib/data/registry-logins";
import { createPersonalAccessToken } from "@/lib/services/personal-access-token/create";
import { newUser, type TestUser } from "@/tests/helpers/accounts";
import { formStateOf } from "@/tests/helpers/action-world";
import { callNamedAction, type ActionFields } from "@/tests/helpers/server-action";
import { sessionCookie } from "@/tests/helpers/session";

/**
 * Settings → Security's lists of docker logins and web sessions and the ways to end them, over
 * HTTP against the built console: logins made through the token endpoint as docker makes them,
 * the page as a browser gets it, and the actions as React calls them.
 */
const c = inject("console");
const db = new pg.Pool({ connectionString: c.databaseUrl, max: 2 });
afterAll(() => db.end());

const S = "lib/actions/security.ts#";
const DOCKER_UA =
  "docker/28.2.2 go/go1.24.4 git-commit/e6534b4 kernel/6.8.0-60-generic os/linux arch/amd64 UpstreamClient(Docker-Client/28.2.2 \\(linux\\))";

let addressCounter = 0;
const newAddress = () => `10.77.${process.pid % 250}.${(addressCounter++ % 250) + 1}`;

function tokenEndpoint(form: Record<string, string>, headers: Record<string, string> = {}) {
  return fetch(new URL("/api/registry/token", c.url), {
    method: "POST",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      "User-Agent": DOCKER_UA,
      "X-Forwarded-For": newAddress(),
      ...headers,
    },
    body: new URLSearchParams({ service: "registry-console", client_id: "docker", ...form }),
  });
}

/** `docker login` (the offline OAuth2 flow) with a password or a personal access token; the refresh token it keeps. */
async function dockerLogin(u: TestUser, secret: string, headers: Record<string, string> = {}): Promise<string> {
  const res = await tokenEndpoint(
    { grant_type: "password", access_type: "offline", username: u.username, password: secret },
    headers,
  );
  expect(res.status, await res.clone().text()).toBe(200);
  const { refresh_token } = (await res.json()) as { refresh_token: string };
  expect(refresh_token).toMatch(/^rcr_/);
  return refresh_token;
}

/** What docker does on each push or pull after logging in: trade the refresh token for an access token. */
async function refresh(refreshToken: string, address = newAddress()): Promise<number> {
  const res = await tokenEndpoint(
    { grant_type: "refresh_token", refresh_token: refreshToken },
    { "X-Forwarded-For": address },
  );
  return res.status;
}

const securityPage = (cookie: string) =>
  fetch(new URL("/settings/security", c.url), { headers: { Cookie: cookie }, redirect: "manual" });
const act = (action: string, fields: ActionFields, cookie: string) =>
  callNamedAction(c.url, `${S}${action}`, fields, { cookie });
const loginIds = async (userId: string) =>
  (
    await db.query<{ id: string }>("select id from registry_refresh_tokens where user_id = $1 order by created_at", [
      userId,
    ])
  ).rows.map((r) => r.id);
const sessionIds = async (userId: string) =>
  (await db.query<{ id: string }>("select id from sessions where user_id = $1 order by created_at", [userId])).rows.map(
    (r) => r.id,
  );
const audit = async (userId: string, action: string) =>
  (await db.query("select target, metadata from audit_events where actor_id = $1 and action = $2", [userId, action]))
    .rows;

async function expectSignedOut(cookie: string) {
  const res = await securityPage(cookie);
  expect(res.status).toBeGreaterThanOrEqual(300);
  expect(res.status).toBeLessThan(400);
  expect(res.headers.get("location")).toMatch(/\/signin/);
}

describe("Settings → Security: docker logins", () => {
  it("lists the owner's logins, newest first, with client, how each was made, dates and addresses", async () => {
    const [u, other] = await Promise.all([newUser("sl"), newUser("so")]);
    const pat = await createPersonalAccessToken(u.id, { description: "ci-box", scope: "read", expiry: "never" });
    const byPassword = await dockerLogin(u, u.password, { "X-Forwarded-For": "10.66.0.1" });
    await dockerLogin(u, pat.secret, { "X-Forwarded-For": "10.66.0.2", "User-Agent": "skopeo/1.13.3" });
    // Used later from elsewhere: the list shows where it was last used, and where it started.
    expect(await refresh(byPassword, "10.66.0.3")).toBe(200);
    await dockerLogin(other, other.password, { "X-Forwarded-For": "10.66.0.99", "User-Agent": "containerd/v1.7.27" });

    const logins = await listRegistryLogins(u.id);
    expect(logins).toHaveLength(2);
    expect(logins[0]).toMatchObject({
      userAgent: "skopeo/1.13.3",
      clientId: "docker",
      token: { name: "ci-box", active: true },
      createdIp: "10.66.0.2",
      lastUsedIp: "10.66.0.2",
      lastUsedAt: null,
    });
    expect(logins[1]).toMatchObject({
      userAgent: DOCKER_UA,
      token: null,
      createdIp: "10.66.0.1",
      lastUsedIp: "10.66.0.3",
      lastUsedAt: expect.any(Date),
    });

    const html = await (await securityPage(await sessionCookie(c.url, u.id))).text();
    for (const text of [
      "Docker logins",
      "Docker 28.2.2 · linux/amd64",
      "skopeo 1.13.3",
      "Password",
      "ci-box",
      "10.66.0.1",
      "10.66.0.2",
      "10.66.0.3",
      "Web sessions",
      "This session",
      "Sign out everywhere",
    ])
      expect(html, text).toContain(text);
    // The other user's login is theirs alone.
    expect(html).not.toContain("10.66.0.99");
    expect(html).not.toContain("containerd 1.7.27");
    expect(html).not.toContain("docker-logins-empty");
  });

  it("shows the docker login hint with the registry host when nothing is logged in", async () => {
    const u = await newUser("se");
    const html = await (await securityPage(await sessionCookie(c.url, u.id))).text();
    expect(html).toContain("docker-logins-empty");
    expect(html).toContain("No docker client is logged in");
    expect(html).toContain(`docker login ${c.registryHost}`);
  });

  it("revoking a login makes its refresh token fail; another user's id changes nothing", async () => {
    const [u, outsider] = await Promise.all([newUser("sr"), newUser("sx")]);
    const [cookie, outsiderCookie] = await Promise.all([sessionCookie(c.url, u.id), sessionCookie(c.url, outsider.id)]);
    const token = await dockerLogin(u, u.password);
    const [loginId] = await loginIds(u.id);

    const aimed = await act("revokeDockerLoginAction", { loginId: loginId! }, outsiderCookie);
    expect(formStateOf(aimed.body)).toMatchObject({
      ok: false,
      message: "That docker login does not exist or has already ended.",
    });
    expect(await refresh(token)).toBe(200);
    expect(await listRegistryLogins(u.id)).toHaveLength(1);

    const res = await act("revokeDockerLoginAction", { loginId: loginId! }, cookie);
    expect(formStateOf(res.body), res.body.slice(0, 300)).toMatchObject({ ok: true });
    expect(await refresh(token)).toBe(401);
    expect(await listRegistryLogins(u.id)).toEqual([]);
    expect(await audit(u.id, "docker_login_revoked")).toEqual([
      { target: "Docker 28.2.2 · linux/amd64", metadata: { madeWith: "password" } },
    ]);
    // Twice: it is gone, and says so.
    expect(formStateOf((await act("revokeDockerLoginAction", { loginId: loginId! }, cookie)).body)).toMatchObject({
      ok: false,
    });
    expect(formStateOf((await act("revokeDockerLoginAction", { loginId: "not-an-id" }, cookie)).body)).toMatchObject({
      ok: false,
      fieldErrors: { loginId: ["Unknown docker login"] },
    });
  });
});

describe("Settings → Security: web sessions", () => {
  it("revoking another session ends it at once; revoking this one signs the browser out", async () => {
    const [u, outsider] = await Promise.all([newUser("ss"), newUser("sy")]);
    const here = await sessionCookie(c.url, u.id);
    const there = await sessionCookie(c.url, u.id);
    const outsiderCookie = await sessionCookie(c.url, outsider.id);
    const [hereId, thereId] = await sessionIds(u.id);

    expect(formStateOf((await act("revokeSessionAction", { sessionId: thereId! }, outsiderCookie)).body)).toMatchObject(
      { ok: false },
    );
    expect((await securityPage(there)).status).toBe(200);

    expect(formStateOf((await act("revokeSessionAction", { sessionId: thereId! }, here)).body)).toMatchObject({
      ok: true,
    });
    await expectSignedOut(there);
    expect((await securityPage(here)).status).toBe(200);
    expect(await audit(u.id, "session_revoked")).toHaveLength(1);

    const own = await act("revokeSessionAction", { sessionId: hereId! }, here);
    expect(own.location, own.body.slice(0, 300)).toMatch(/\/signin/);
    await expectSignedOut(here);
    const live = await db.query("select count(*)::int as n from sessions where user_id = $1 and revoked_at is null", [
      u.id,
    ]);
    expect(live.rows[0].n).toBe(0);
  });
});

describe("Settings → Security: sign out everywhere", () => {
  it("ends this session, the others and every docker login (password- and token-made) in one go; nobody else's", async () => {
    const [u, bystander] = await Promise.all([newUser("sw"), newUser("sb")]);
    const here = await sessionCookie(c.url, u.id);
    const there = await sessionCookie(c.url, u.id);
    const bystanderCookie = await sessionCookie(c.url, bystander.id);
    const pat = await createPersonalAccessToken(u.id, { description: "laptop", scope: "read", expiry: "never" });
    const byPassword = await dockerLogin(u, u.password);
    const byToken = await dockerLogin(u, pat.secret);
    const bystanderLogin = await dockerLogin(bystander, bystander.password);

    const res = await act("signOutEverywhereAction", {}, here);
    expect(res.status).toBeLessThan(500);
    expect(res.location, res.body.slice(0, 300)).toMatch(/\/signin/);

    await expectSignedOut(here);
    await expectSignedOut(there);
    expect(await refresh(byPassword)).toBe(401);
    expect(await refresh(byToken)).toBe(401);
    // The personal access token itself is not a login: it still logs in (and is managed on its own page).
    expect((await tokenEndpoint({ grant_type: "password", username: u.username, password: pat.secret })).status).toBe(
      200,
    );
    expect(await audit(u.id, "signed_out_everywhere")).toEqual([
      { target: null, metadata: { sessions: 2, dockerLogins: 2 } },
    ]);

    expect((await securityPage(bystanderCookie)).status).toBe(200);
    expect(await refresh(bystanderLogin)).toBe(200);
  });
});
