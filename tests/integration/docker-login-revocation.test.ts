import pg from "pg";
import { Secret, TOTP } from "otpauth";
import { afterAll, describe, expect, inject, it } from "vitest";
import { startEnrollment } from "@/lib/security/two-factor-enrollment";
import { createPersonalAccessToken } from "@/lib/services/personal-access-token/create";
import { deletePersonalAccessToken } from "@/lib/services/personal-access-token/delete";
import { enableTwoFactor } from "@/lib/services/two-factor/enable";
import { changePassword } from "@/lib/services/user/change-password";
import { deactivateAccount } from "@/lib/services/user/deactivate";
import { newUser, type TestUser } from "@/tests/helpers/accounts";
import { clientAddress } from "@/tests/helpers/factory";

/**
 * `docker login` stores a refresh token, not the password. One minted with the old password used
 * to keep working for 90 days after a password change and after 2FA was turned on. Each revoking
 * event is tried here through the real token endpoint, as docker uses it.
 */
const c = inject("console");
const db = new pg.Pool({ connectionString: c.databaseUrl, max: 2 });
afterAll(() => db.end());

const post = (form: Record<string, string>, userAgent = "docker/28.2.2 go/go1.24.4 os/linux arch/amd64") =>
  fetch(new URL("/api/registry/token", c.url), {
    method: "POST",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      "User-Agent": userAgent,
      "X-Forwarded-For": clientAddress(),
    },
    body: new URLSearchParams({ service: "registry-console", client_id: "docker", ...form }),
  });

async function dockerLogin(username: string, secret: string): Promise<string> {
  const res = await post({ grant_type: "password", access_type: "offline", username, password: secret });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()).refresh_token as string;
}
async function refresh(u: TestUser, refreshToken: string): Promise<number> {
  return (
    await post({
      grant_type: "refresh_token",
      refresh_token: refreshToken,
      scope: `repository:${u.username}/app:pull,push`,
    })
  ).status;
}
async function logins(u: TestUser) {
  const pat = await createPersonalAccessToken(u.id, { description: "ci", scope: "read_write", expiry: "never" });
  return {
    password: await dockerLogin(u.username, u.password),
    token: await dockerLogin(u.username, pat.secret),
    patId: pat.id,
  };
}

describe("docker logins end with the credential they came from", () => {
  it("records the client, the address and the time of each login", async () => {
    const u = await newUser("dl");
    await dockerLogin(u.username, u.password);
    const row = (
      await db.query(
        "select user_agent, created_ip, last_used_ip, personal_access_token_id from registry_refresh_tokens where user_id = $1",
        [u.id],
      )
    ).rows[0];
    expect(row).toMatchObject({ user_agent: expect.stringContaining("docker/28.2.2"), personal_access_token_id: null });
    expect(row.created_ip).toMatch(/^10\./);
  });

  it("a password change ends the password's logins; the token's keep working until the token goes", async () => {
    const u = await newUser("dp");
    const l = await logins(u);
    expect([await refresh(u, l.password), await refresh(u, l.token)]).toEqual([200, 200]);
    await changePassword({
      userId: u.id,
      sessionId: "00000000-0000-0000-0000-000000000000",
      currentPassword: u.password,
      newPassword: `${u.password}-new`,
      ip: null,
    });
    expect([await refresh(u, l.password), await refresh(u, l.token)]).toEqual([401, 200]);
    const revoked = await db.query(
      "select personal_access_token_id is null as by_password, revoked_at is not null as revoked from registry_refresh_tokens where user_id = $1 order by 1",
      [u.id],
    );
    expect(revoked.rows).toEqual([
      { by_password: false, revoked: false },
      { by_password: true, revoked: true },
    ]);
    await deletePersonalAccessToken(u.id, l.patId);
    expect(await refresh(u, l.token)).toBe(401);
  });

  it("turning 2FA on ends the password's logins", async () => {
    const u = await newUser("d2");
    const l = await logins(u);
    const { secret, sealed } = startEnrollment(u.id);
    const code = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: "SHA1" }).generate();
    await enableTwoFactor({ userId: u.id, username: u.username, enrollment: sealed, code, ip: null });
    expect([await refresh(u, l.password), await refresh(u, l.token)]).toEqual([401, 200]);
  });

  it("deactivation ends every login", async () => {
    const u = await newUser("dd");
    const l = await logins(u);
    await deactivateAccount({ userId: u.id, confirmation: u.username, currentPassword: u.password, ip: null });
    expect([await refresh(u, l.password), await refresh(u, l.token)]).toEqual([401, 401]);
  });

  it("a password login older than the password is refused even if its revocation was never written", async () => {
    const u = await newUser("dr");
    const l = await logins(u);
    await db.query("update users set password_changed_at = now() + interval '1 second' where id = $1", [u.id]);
    expect([await refresh(u, l.password), await refresh(u, l.token)]).toEqual([401, 200]);
  });
});
