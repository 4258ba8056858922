import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { createPersonalAccessToken } from "@/lib/services/personal-access-token/create";
import { deletePersonalAccessToken } from "@/lib/services/personal-access-token/delete";
import { setPersonalAccessTokenActive } from "@/lib/services/personal-access-token/set-active";
import { createUser } from "@/lib/services/user/create";
import { uniqueName } from "@/tests/helpers/factory";
import { buildImage, pushImage, skopeoRun } from "@/tests/helpers/oci-image";

const c = inject("console");
const db = new pg.Pool({ connectionString: c.databaseUrl, max: 2 });
afterAll(() => db.end());

async function newUser() {
  const username = uniqueName("pat");
  const password = `pw-${username}-long`;
  const user = await createUser({ username, email: `${username}@example.test`, password });
  return { ...user, password };
}

const basic = (u: string, p: string) => `Basic ${Buffer.from(`${u}:${p}`).toString("base64")}`;
const claims = (token: string) => JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString("utf8"));

// The console rate-limits failures per address (X-Forwarded-For): every request here comes from
// its own address unless a test passes one, so this file's refusals never lock out other tests.
let addressCounter = 0;
const newAddress = () =>
  `10.${process.pid % 256}.${Math.floor(addressCounter / 250) % 256}.${(addressCounter++ % 250) + 1}`;

async function token(username: string, secret: string, scope: string, address?: string) {
  const url = new URL("/api/registry/token", c.url);
  url.searchParams.set("service", "registry-console");
  url.searchParams.set("scope", scope);
  return fetch(url, {
    headers: { Authorization: basic(username, secret), "X-Forwarded-For": address ?? newAddress() },
  });
}

async function grantedActions(username: string, secret: string, scope: string): Promise<string[]> {
  const res = await token(username, secret, scope);
  expect(res.status, await res.clone().text()).toBe(200);
  const access = claims((await res.json()).token).access as Array<{ actions: string[] }>;
  return access.flatMap((a) => a.actions).sort();
}

const whoami = (secret: string, address?: string) =>
  fetch(new URL("/api/v1/user", c.url), {
    headers: { Authorization: `Bearer ${secret}`, "X-Forwarded-For": address ?? newAddress() },
  });

const lastUsed = async (id: string): Promise<Date | null> =>
  (await db.query("select last_used_at from personal_access_tokens where id = $1", [id])).rows[0].last_used_at;

/**
 * The console forgets cached tokens when the database's notification of a change reaches it
 * (milliseconds). A request sent in the same instant as the change can race the notification on a
 * loaded machine (seen in a run), so each change here is given that moment before the next request.
 */
const notificationDelivered = () => new Promise((r) => setTimeout(r, 200));

describe("personal access tokens", () => {
  it("are accepted by the token endpoint and the API, limited by their scope", async () => {
    const u = await newUser();
    const repo = `repository:${u.username}/app:pull,push,delete`;
    const read = await createPersonalAccessToken(u.id, { description: "read", scope: "read", expiry: "30" });
    const rw = await createPersonalAccessToken(u.id, { description: "rw", scope: "read_write", expiry: "never" });
    const rwd = await createPersonalAccessToken(u.id, { description: "rwd", scope: "read_write_delete", expiry: "90" });
    expect(read.secret).toMatch(/^rcp_[0-9A-Za-z]{40}$/);
    expect(await grantedActions(u.username, rwd.secret, repo)).toEqual(["delete", "pull", "push"]);
    // The repository exists now (created by the push grant), so Read-only may pull it.
    expect(await grantedActions(u.username, read.secret, repo)).toEqual(["pull"]);
    expect(await grantedActions(u.username, rw.secret, repo)).toEqual(["pull", "push"]);
    expect(await grantedActions(u.username, u.password, repo)).toEqual(["delete", "pull", "push"]);

    const me = await whoami(read.secret);
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual({
      username: u.username,
      email: `${u.username}@example.test`,
      display_name: null,
      two_factor_enabled: false,
      token: { scope: "read", expires_at: read.expiresAt!.toISOString() },
    });
    expect(await lastUsed(read.id)).not.toBeNull();

    const anonymous = await fetch(new URL("/api/v1/user", c.url));
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).error.code).toBe("UNAUTHORIZED");
  });

  it("record last use at most once a minute per token", async () => {
    const u = await newUser();
    const t = await createPersonalAccessToken(u.id, { description: "hot ci loop", scope: "read", expiry: "never" });
    expect(await lastUsed(t.id)).toBeNull();
    // Moving the clock back by hand is no change the console's access cache is told of (real uses
    // only move it forward), so announce it as a change would be.
    const backdate = async (interval: string) => {
      await db.query(
        `with u as (update personal_access_tokens set last_used_at = now() - interval '${interval}' where id = $1 returning 1) select pg_notify('access_changed', 'test')`,
        [t.id],
      );
      await new Promise((r) => setTimeout(r, 100));
    };
    await backdate("30 seconds");
    const recent = await lastUsed(t.id);
    expect((await whoami(t.secret)).status).toBe(200);
    expect(await lastUsed(t.id)).toEqual(recent);
    await backdate("2 minutes");
    const stale = await lastUsed(t.id);
    expect((await token(u.username, t.secret, `repository:${u.username}/app:pull`)).status).toBe(200);
    expect((await lastUsed(t.id))!.getTime()).toBeGreaterThan(stale!.getTime() + 60_000);
  });

  it("give nothing on another user's namespace, and the token must belong to the username", async () => {
    const owner = await newUser();
    const other = await newUser();
    const t = await createPersonalAccessToken(other.id, {
      description: "x",
      scope: "read_write_delete",
      expiry: "never",
    });
    await grantedActions(owner.username, owner.password, `repository:${owner.username}/private:push`);
    await db.query(
      "update repositories set visibility = 'private' where name = 'private' and namespace_id = (select namespace_id from users where id = $1)",
      [owner.id],
    );
    expect(
      await grantedActions(other.username, t.secret, `repository:${owner.username}/private:pull,push,delete`),
    ).toEqual([]);
    expect(await grantedActions(other.username, t.secret, `repository:${owner.username}/missing:pull,push`)).toEqual(
      [],
    );
    const wrongUser = await token(owner.username, t.secret, `repository:${owner.username}/private:pull`);
    expect(wrongUser.status).toBe(401);
  });

  it("stop working at once when deactivated, deleted or expired, and failures are recorded", async () => {
    const u = await newUser();
    const address = newAddress();
    const scope = `repository:${u.username}/app:pull`;
    const t = await createPersonalAccessToken(u.id, { description: "ci", scope: "read", expiry: "never" });
    expect((await token(u.username, t.secret, scope, address)).status).toBe(200);

    await setPersonalAccessTokenActive(u.id, t.id, false);
    await notificationDelivered();
    const inactive = await token(u.username, t.secret, scope, address);
    expect(inactive.status).toBe(401);
    expect(await inactive.json()).toMatchObject({
      errors: [{ code: "UNAUTHORIZED", message: "this personal access token is deactivated" }],
      error: { code: "UNAUTHORIZED" },
    });
    const apiInactive = await whoami(t.secret, address);
    expect(apiInactive.status).toBe(401);
    expect(await apiInactive.json()).toEqual({ error: { code: "UNAUTHORIZED", message: "This token is deactivated" } });
    await setPersonalAccessTokenActive(u.id, t.id, true);
    await notificationDelivered();
    expect((await whoami(t.secret, address)).status).toBe(200);

    await db.query("update personal_access_tokens set expires_at = now() - interval '1 second' where id = $1", [t.id]);
    await notificationDelivered();
    const expired = await token(u.username, t.secret, scope, address);
    expect(expired.status).toBe(401);
    expect(await expired.json()).toMatchObject({
      errors: [{ code: "UNAUTHORIZED", message: "this personal access token has expired" }],
    });
    expect((await whoami(t.secret, address)).status).toBe(401);

    await deletePersonalAccessToken(u.id, t.id);
    await notificationDelivered();
    const deleted = await token(u.username, t.secret, scope, address);
    expect(deleted.status).toBe(401);
    expect((await deleted.json()).error.code).toBe("UNAUTHORIZED");
    const events = await db.query(
      "select actor_id as user_id, target as detail from audit_events where ip_address = $1 and action = 'registry_login_failed' order by created_at",
      [address],
    );
    // A deleted token no longer points at anyone, so that failure is recorded without a user.
    expect(events.rows).toEqual([
      { user_id: u.id, detail: "personal access token refused: inactive" },
      { user_id: u.id, detail: "personal access token refused: expired" },
      { user_id: null, detail: "personal access token refused: unknown" },
    ]);
  });

  it("stop working at once when their owner's account is deactivated", async () => {
    const u = await newUser();
    const t = await createPersonalAccessToken(u.id, { description: "ci", scope: "read_write", expiry: "never" });
    expect((await whoami(t.secret)).status).toBe(200);
    await db.query("update users set deactivated_at = now() where id = $1", [u.id]);
    // "At once": as soon as the console hears the database's notification (milliseconds; a test
    // that asked in the same instant raced it on a loaded machine).
    const ask = () => token(u.username, t.secret, `repository:${u.username}/app:pull`);
    await expect.poll(async () => (await ask()).status, { timeout: 2000, interval: 20 }).toBe(401);
    const refused = await ask();
    expect((await refused.json()).errors[0].message).toBe("this account has been deactivated");
    expect((await whoami(t.secret)).status).toBe(401);
  });

  it("share the per-address limit on failed attempts with password logins", async () => {
    const u = await newUser();
    const t = await createPersonalAccessToken(u.id, { description: "ci", scope: "read", expiry: "never" });
    const address = newAddress();
    const forged = `rcp_${"x".repeat(40)}`;
    // limits.loginAddress allows 30 failures per address in 15 minutes, at both doors together.
    for (let i = 0; i < 15; i++)
      expect((await token(u.username, forged, `repository:${u.username}/app:pull`, address)).status).toBe(401);
    for (let i = 0; i < 15; i++) expect((await whoami(forged, address)).status).toBe(401);
    const limited = await token(u.username, t.secret, `repository:${u.username}/app:pull`, address);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toMatch(/^\d+$/);
    expect((await whoami(t.secret, address)).status).toBe(429);
    // Another address is not affected.
    expect((await whoami(t.secret, newAddress())).status).toBe(200);
  });

  it("are limited to 50 per user", async () => {
    const u = await newUser();
    for (let i = 0; i < 50; i++)
      await createPersonalAccessToken(u.id, { description: `t${i}`, scope: "read", expiry: "never" });
    await expect(
      createPersonalAccessToken(u.id, { description: "one too many", scope: "read", expiry: "never" }),
    ).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      message: expect.stringMatching(/50 tokens/),
    });
    const { rows } = await db.query("select count(*)::int as n from personal_access_tokens where user_id = $1", [u.id]);
    expect(rows[0].n).toBe(50);
  });

  it("cannot be changed by another user", async () => {
    const a = await newUser();
    const b = await newUser();
    const t = await createPersonalAccessToken(a.id, { description: "mine", scope: "read", expiry: "never" });
    await expect(setPersonalAccessTokenActive(b.id, t.id, false)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(deletePersonalAccessToken(b.id, t.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const { rows } = await db.query("select deactivated_at from personal_access_tokens where id = $1", [t.id]);
    expect(rows).toEqual([{ deactivated_at: null }]);
  });

  it("are the only way in at the registry once 2FA is on", async () => {
    const u = await newUser();
    const address = newAddress();
    await db.query("update users set totp_enabled_at = now(), totp_secret_enc = 'sealed' where id = $1", [u.id]);
    const res = await token(u.username, u.password, `repository:${u.username}/app:pull`, address);
    expect(res.status).toBe(401);
    const body = await res.json();
    expect(body.error.code).toBe("UNAUTHORIZED");
    expect(body.errors[0].message).toMatch(/Two-factor authentication is enabled.*personal access token/);
    const t = await createPersonalAccessToken(u.id, { description: "2fa", scope: "read_write", expiry: "never" });
    expect(await grantedActions(u.username, t.secret, `repository:${u.username}/app:pull,push`)).toEqual([
      "pull",
      "push",
    ]);
    const me = await whoami(t.secret);
    expect((await me.json()).two_factor_enabled).toBe(true);

    // A wrong password for a known account is recorded against that account too.
    expect((await token(u.username, "not-the-password", `repository:${u.username}/app:pull`, address)).status).toBe(
      401,
    );
    const events = await db.query(
      "select actor_id as user_id, target as detail from audit_events where ip_address = $1 and action = 'registry_login_failed' order by created_at",
      [address],
    );
    expect(events.rows).toEqual([
      { user_id: u.id, detail: "password used with 2FA enabled" },
      { user_id: u.id, detail: `password refused for "${u.username}"` },
    ]);
  });
});

describe("personal access tokens with skopeo against the real registry", () => {
  it("Read & Write pushes, Read-only pulls but cannot push, only Read, Write & Delete deletes", async () => {
    const u = await newUser();
    const rw = await createPersonalAccessToken(u.id, { description: "rw", scope: "read_write", expiry: "never" });
    const ro = await createPersonalAccessToken(u.id, { description: "ro", scope: "read", expiry: "never" });
    const rwd = await createPersonalAccessToken(u.id, {
      description: "rwd",
      scope: "read_write_delete",
      expiry: "never",
    });
    const repository = `${u.username}/app`;
    const image = await buildImage({ layers: [{ files: { "app.txt": repository } }] });
    await pushImage(image, {
      registry: c.registryHost,
      repository,
      tag: "1",
      username: u.username,
      password: rw.secret,
    });

    const ref = `docker://${c.registryHost}/${repository}:1`;
    const inspect = await skopeoRun([
      "inspect",
      "--raw",
      "--tls-verify=false",
      "--creds",
      `${u.username}:${ro.secret}`,
      ref,
    ]);
    expect(inspect.code, inspect.stderr).toBe(0);
    expect(JSON.parse(inspect.stdout)).toEqual(image.manifest);

    const other = await buildImage({ layers: [{ files: { "other.txt": repository } }] });
    const denied = await skopeoRun([
      "copy",
      "--dest-tls-verify=false",
      "--dest-creds",
      `${u.username}:${ro.secret}`,
      `oci:${other.dir}:${other.ref}`,
      `docker://${c.registryHost}/${repository}:2`,
    ]);
    expect(denied.code).not.toBe(0);
    expect(denied.stderr).toMatch(/denied|unauthorized/i);

    const noDelete = await skopeoRun(["delete", "--tls-verify=false", "--creds", `${u.username}:${rw.secret}`, ref]);
    expect(noDelete.code).not.toBe(0);
    expect(noDelete.stderr).toMatch(/denied|unauthorized/i);
    const deleted = await skopeoRun(["delete", "--tls-verify=false", "--creds", `${u.username}:${rwd.secret}`, ref]);
    expect(deleted.code, deleted.stderr).toBe(0);
    const gone = await skopeoRun([
      "inspect",
      "--raw",
      "--tls-verify=false",
      "--creds",
      `${u.username}:${rwd.secret}`,
      ref,
    ]);
    expect(gone.code).not.toBe(0);
  });
});

describe("docker-style OAuth2 refresh tokens", () => {
  const post = (form: Record<string, string>) =>
    fetch(new URL("/api/registry/token", c.url), {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(form),
    });

  it("password grant with access_type=offline returns a refresh token that later mints scoped tokens", async () => {
    const u = await newUser();
    const t = await createPersonalAccessToken(u.id, { description: "docker", scope: "read", expiry: "never" });
    const login = await post({
      grant_type: "password",
      service: "registry-console",
      client_id: "docker",
      access_type: "offline",
      username: u.username,
      password: t.secret,
    });
    expect(login.status).toBe(200);
    const { refresh_token } = await login.json();
    expect(refresh_token).toMatch(/^rcr_/);

    const refreshed = await post({
      grant_type: "refresh_token",
      service: "registry-console",
      client_id: "docker",
      refresh_token,
      scope: `repository:${u.username}/app:pull,push`,
    });
    expect(refreshed.status).toBe(200);
    const body = await refreshed.json();
    expect(body.refresh_token).toBeUndefined();
    // The token scope (Read-only) still applies through the refresh token: push is dropped.
    expect(claims(body.access_token)).toMatchObject({
      sub: u.username,
      access: [{ type: "repository", name: `${u.username}/app`, actions: ["pull"] }],
    });

    // Revoking the personal access token ends the refresh token too.
    await setPersonalAccessTokenActive(u.id, t.id, false);
    const after = await post({
      grant_type: "refresh_token",
      service: "registry-console",
      client_id: "docker",
      refresh_token,
      scope: `repository:${u.username}/app:pull`,
    });
    expect(after.status).toBe(401);
  });

  it("rejects unknown grants and forged refresh tokens with stable codes", async () => {
    const bad = await post({ grant_type: "client_credentials", service: "registry-console", client_id: "docker" });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe("VALIDATION_FAILED");
    const forged = await post({
      grant_type: "refresh_token",
      service: "registry-console",
      client_id: "docker",
      refresh_token: "rcr_forged",
    });
    expect(forged.status).toBe(401);
    expect((await forged.json()).error.code).toBe("UNAUTHORIZED");
  });
});
