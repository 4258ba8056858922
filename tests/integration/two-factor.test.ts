import { Secret, TOTP } from "otpauth";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { startEnrollment } from "@/lib/auth/two-factor-enrollment";
import { encryptSecret } from "@/lib/auth/crypto";
import { beginSignIn, completeSignIn } from "@/lib/services/session/verify-credentials";
import { disableTwoFactor } from "@/lib/services/two-factor/disable";
import { enableTwoFactor } from "@/lib/services/two-factor/enable";
import { regenerateRecoveryCodes } from "@/lib/services/two-factor/regenerate-recovery-codes";
import { createSession } from "@/lib/services/session/create";
import { getActiveSessionUser } from "@/lib/data/sessions";
import { createUser } from "@/lib/services/user/create";
import { uniqueName } from "@/tests/helpers/factory";

const c = inject("console");
const db = new pg.Pool({ connectionString: c.databaseUrl, max: 2 });
afterAll(() => db.end());

const codeFor = (secret: string, offsetSeconds = 0) => new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: "SHA1" }).generate({ timestamp: Date.now() + offsetSeconds * 1000 });

async function userWith2fa() {
  const username = uniqueName("tf");
  const password = `pw-${username}`;
  const user = await createUser({ username, email: `${username}@example.test`, password });
  const { secret, sealed } = startEnrollment(user.id);
  const { recoveryCodes } = await enableTwoFactor({ userId: user.id, username, enrollment: sealed, code: codeFor(secret), ip: null });
  return { ...user, password, secret, recoveryCodes };
}

async function mfaTicket(u: { username: string; password: string }) {
  const step = await beginSignIn(u.username, u.password, "10.9.0.1");
  if (step.step !== "code") throw new Error("expected a code step");
  return step.mfaTicket;
}

describe("two-factor authentication", () => {
  it("stores the secret encrypted and the recovery codes hashed; a wrong code changes nothing", async () => {
    const username = uniqueName("tfw");
    const user = await createUser({ username, email: `${username}@example.test`, password: `pw-${username}` });
    const { secret, sealed } = startEnrollment(user.id);
    const wrong = codeFor(secret) === "000000" ? "111111" : "000000";
    await expect(enableTwoFactor({ userId: user.id, username, enrollment: sealed, code: wrong, ip: null })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    expect((await db.query("select totp_enabled_at from users where id = $1", [user.id])).rows[0].totp_enabled_at).toBeNull();

    const { recoveryCodes } = await enableTwoFactor({ userId: user.id, username, enrollment: sealed, code: codeFor(secret), ip: null });
    expect(recoveryCodes).toHaveLength(10);
    const row = (await db.query("select totp_secret_enc from users where id = $1", [user.id])).rows[0];
    expect(row.totp_secret_enc).not.toContain(secret);
    expect(row.totp_secret_enc).toMatch(/^v1\./);
    const stored = (await db.query("select code_hash from recovery_codes where user_id = $1", [user.id])).rows.map((r) => r.code_hash);
    expect(stored).toHaveLength(10);
    for (const code of recoveryCodes) expect(stored).not.toContain(code);
  });

  it("refuses a tampered, foreign or expired enrolment seal", async () => {
    const a = await createUser({ username: uniqueName("tfa"), email: `${uniqueName("e")}@example.test`, password: "pw-long-enough-1" });
    const b = await createUser({ username: uniqueName("tfb"), email: `${uniqueName("e")}@example.test`, password: "pw-long-enough-2" });
    const { secret, sealed } = startEnrollment(a.id);
    await expect(enableTwoFactor({ userId: b.id, username: b.username, enrollment: sealed, code: codeFor(secret), ip: null })).rejects.toMatchObject({ message: expect.stringContaining("expired") });
    const tampered = sealed.slice(0, -2) + (sealed.endsWith("A") ? "BB" : "AA");
    await expect(enableTwoFactor({ userId: a.id, username: a.username, enrollment: tampered, code: codeFor(secret), ip: null })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    const expired = encryptSecret(JSON.stringify({ userId: a.id, secret, exp: Date.now() - 1 }));
    await expect(enableTwoFactor({ userId: a.id, username: a.username, enrollment: expired, code: codeFor(secret), ip: null })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
  });

  it("signs in with a TOTP code, and with each recovery code exactly once", async () => {
    const u = await userWith2fa();
    expect((await completeSignIn(await mfaTicket(u), codeFor(u.secret))).usedRecoveryCode).toBe(false);
    expect((await completeSignIn(await mfaTicket(u), u.recoveryCodes[0]!)).usedRecoveryCode).toBe(true);
    await expect(completeSignIn(await mfaTicket(u), u.recoveryCodes[0]!)).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(completeSignIn("forged.ticket", codeFor(u.secret))).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("locks code entry after 5 wrong codes, even for a right one", async () => {
    const u = await userWith2fa();
    const ticket = await mfaTicket(u);
    const right = codeFor(u.secret);
    const wrong = right === "000000" ? "111111" : "000000";
    for (let i = 0; i < 5; i++) await expect(completeSignIn(ticket, wrong)).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(completeSignIn(ticket, right)).rejects.toMatchObject({ code: "RATE_LIMITED", message: expect.stringContaining("Too many wrong codes") });
  });

  it("regenerating invalidates old codes; disabling needs a code, clears everything and ends other sessions", async () => {
    const u = await userWith2fa();
    const { recoveryCodes: fresh } = await regenerateRecoveryCodes({ userId: u.id, code: codeFor(u.secret), ip: null });
    await expect(completeSignIn(await mfaTicket(u), u.recoveryCodes[1]!)).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect((await completeSignIn(await mfaTicket(u), fresh[0]!)).usedRecoveryCode).toBe(true);

    const mine = await createSession(u.id, { userAgent: "a", ipAddress: null });
    const other = await createSession(u.id, { userAgent: "b", ipAddress: null });
    await expect(disableTwoFactor({ userId: u.id, sessionId: mine, code: "000000" === codeFor(u.secret) ? "111111" : "000000", ip: null })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    await disableTwoFactor({ userId: u.id, sessionId: mine, code: codeFor(u.secret), ip: null });
    const row = (await db.query("select totp_secret_enc, totp_enabled_at, (select count(*) from recovery_codes where user_id = $1)::int as codes from users where id = $1", [u.id])).rows[0];
    expect(row).toEqual({ totp_secret_enc: null, totp_enabled_at: null, codes: 0 });
    expect(await getActiveSessionUser(mine)).not.toBeNull();
    expect(await getActiveSessionUser(other)).toBeNull();
    expect((await beginSignIn(u.username, u.password, "10.9.0.2")).step).toBe("done");
  });
});
