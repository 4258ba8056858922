import crypto from "node:crypto";
import { Secret, TOTP } from "otpauth";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { startEnrollment } from "@/lib/security/two-factor-enrollment";
import { encryptSecret } from "@/lib/security/crypto";
import { getTwoFactorStatus } from "@/lib/data/two-factor";
import { getActiveSessionUser } from "@/lib/data/sessions";
import { createSession } from "@/lib/services/session/create";
import { beginSignIn, completeSignIn } from "@/lib/services/session/verify-credentials";
import { disableTwoFactor } from "@/lib/services/two-factor/disable";
import { enableTwoFactor } from "@/lib/services/two-factor/enable";
import { regenerateRecoveryCodes } from "@/lib/services/two-factor/regenerate-recovery-codes";
import { createUser } from "@/lib/services/user/create";
import { uniqueName } from "@/tests/helpers/factory";

const c = inject("console");
const db = new pg.Pool({ connectionString: c.databaseUrl, max: 2 });
afterAll(() => db.end());

const totp = (secret: string) =>
  new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: "SHA1" });
const codeFor = (secret: string) => totp(secret).generate();
/** A 6-digit code outside the ±1-step window of `secret` right now (so it is wrong for certain). */
function wrongCodeFor(secret: string): string {
  const t = totp(secret);
  const valid = [-30_000, 0, 30_000].map((o) => t.generate({ timestamp: Date.now() + o }));
  for (let n = 0; ; n++) {
    const candidate = String(n).padStart(6, "0");
    if (!valid.includes(candidate)) return candidate;
  }
}
const sha256 = (s: string) => crypto.createHash("sha256").update(s).digest("hex");

async function newUser(prefix: string) {
  const username = uniqueName(prefix);
  const password = `pw-${username}`;
  const user = await createUser({ username, email: `${username}@example.test`, password });
  return { ...user, password };
}

async function userWith2fa() {
  const user = await newUser("tf");
  const { secret, sealed } = startEnrollment(user.id);
  const { recoveryCodes } = await enableTwoFactor({
    userId: user.id,
    username: user.username,
    enrollment: sealed,
    code: codeFor(secret),
    ip: "10.9.9.9",
  });
  return { ...user, secret, recoveryCodes };
}

async function mfaTicket(u: { username: string; password: string }) {
  const step = await beginSignIn(u.username, u.password, "10.9.0.1");
  if (step.step !== "code") throw new Error("expected a code step");
  return step.mfaTicket;
}

async function events(userId: string): Promise<{ kind: string; ip_address: string | null }[]> {
  return (
    await db.query(
      "select action as kind, ip_address from audit_events where actor_id = $1 order by created_at, action",
      [userId],
    )
  ).rows;
}

async function codeHashes(userId: string): Promise<string[]> {
  return (
    await db.query("select code_hash from recovery_codes where user_id = $1 order by code_hash", [userId])
  ).rows.map((r) => r.code_hash as string);
}

describe("enabling two-factor authentication", () => {
  it("changes nothing on a wrong code; on a right one stores the secret encrypted, 10 hashed codes and an event", async () => {
    const user = await newUser("tfw");
    const { secret, sealed } = startEnrollment(user.id);
    await expect(
      enableTwoFactor({
        userId: user.id,
        username: user.username,
        enrollment: sealed,
        code: wrongCodeFor(secret),
        ip: null,
      }),
    ).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      fieldErrors: { code: [expect.stringContaining("not valid")] },
    });
    const before = (await db.query("select totp_secret_enc, totp_enabled_at from users where id = $1", [user.id]))
      .rows[0];
    expect(before).toEqual({ totp_secret_enc: null, totp_enabled_at: null });
    expect(await codeHashes(user.id)).toEqual([]);
    expect(await events(user.id)).toEqual([]);

    const { recoveryCodes } = await enableTwoFactor({
      userId: user.id,
      username: user.username,
      enrollment: sealed,
      code: codeFor(secret),
      ip: "10.9.8.7",
    });
    expect(recoveryCodes).toHaveLength(10);
    const row = (await db.query("select totp_secret_enc, totp_enabled_at from users where id = $1", [user.id])).rows[0];
    expect(row.totp_enabled_at).toBeInstanceOf(Date);
    expect(row.totp_secret_enc).toMatch(/^v1\./);
    expect(row.totp_secret_enc).not.toContain(secret);
    expect(row.totp_secret_enc.toUpperCase()).not.toContain(secret.slice(0, 8));
    // Only SHA-256 of each (normalized) code is kept.
    expect(await codeHashes(user.id)).toEqual(recoveryCodes.map(sha256).sort());
    expect(await events(user.id)).toEqual([{ kind: "2fa_enabled", ip_address: "10.9.8.7" }]);
    expect(await getTwoFactorStatus(user.id)).toMatchObject({ enabledAt: expect.any(Date), unusedRecoveryCodes: 10 });

    // Replaying the same enrolment cannot overwrite the secret or the codes.
    await expect(
      enableTwoFactor({
        userId: user.id,
        username: user.username,
        enrollment: sealed,
        code: codeFor(secret),
        ip: null,
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await codeHashes(user.id)).toEqual(recoveryCodes.map(sha256).sort());
  });

  it("refuses a tampered, foreign or expired enrolment seal", async () => {
    const a = await newUser("tfa");
    const b = await newUser("tfb");
    const { secret, sealed } = startEnrollment(a.id);
    const refused = { code: "VALIDATION_FAILED", fieldErrors: { enrollment: [expect.stringContaining("expired")] } };
    // Another user's seal (e.g. copied from their page) is not yours.
    await expect(
      enableTwoFactor({ userId: b.id, username: b.username, enrollment: sealed, code: codeFor(secret), ip: null }),
    ).rejects.toMatchObject(refused);
    // One flipped character of the ciphertext fails the GCM tag. Not the last character: in
    // base64url its low bits can be padding the decoder ignores, so flipping them changes nothing.
    const at = sealed.length - 5;
    const flipped = sealed.slice(0, at) + (sealed[at] === "A" ? "B" : "A") + sealed.slice(at + 1);
    await expect(
      enableTwoFactor({ userId: a.id, username: a.username, enrollment: flipped, code: codeFor(secret), ip: null }),
    ).rejects.toMatchObject(refused);
    await expect(
      enableTwoFactor({
        userId: a.id,
        username: a.username,
        enrollment: "not-a-seal",
        code: codeFor(secret),
        ip: null,
      }),
    ).rejects.toMatchObject(refused);
    const expired = encryptSecret(JSON.stringify({ userId: a.id, secret, exp: Date.now() - 1 }));
    await expect(
      enableTwoFactor({ userId: a.id, username: a.username, enrollment: expired, code: codeFor(secret), ip: null }),
    ).rejects.toMatchObject(refused);
    for (const u of [a, b]) expect(await getTwoFactorStatus(u.id)).toEqual({ enabledAt: null, unusedRecoveryCodes: 0 });
    // The untouched seal still works within its ten minutes.
    await enableTwoFactor({ userId: a.id, username: a.username, enrollment: sealed, code: codeFor(secret), ip: null });
  });
});

describe("signing in with two-factor authentication", () => {
  it("accepts a TOTP code, and each recovery code exactly once (any case, dash optional)", async () => {
    const u = await userWith2fa();
    expect((await completeSignIn(await mfaTicket(u), codeFor(u.secret))).usedRecoveryCode).toBe(false);
    expect((await completeSignIn(await mfaTicket(u), u.recoveryCodes[0]!)).usedRecoveryCode).toBe(true);
    await expect(completeSignIn(await mfaTicket(u), u.recoveryCodes[0]!)).rejects.toMatchObject({
      code: "UNAUTHORIZED",
      message: expect.stringContaining("not valid"),
    });
    expect(
      (await completeSignIn(await mfaTicket(u), u.recoveryCodes[1]!.toUpperCase().replace("-", ""))).usedRecoveryCode,
    ).toBe(true);
    expect(await getTwoFactorStatus(u.id)).toMatchObject({ unusedRecoveryCodes: 8 });
    await expect(completeSignIn("forged.ticket", codeFor(u.secret))).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("after 5 wrong codes refuses even the right one (rate limit: 5 per 5 minutes per account)", async () => {
    const u = await userWith2fa();
    const wrong = wrongCodeFor(u.secret);
    // Fresh password steps each time: the limit is the account's, not one sign-in's.
    for (let i = 0; i < 4; i++)
      await expect(completeSignIn(await mfaTicket(u), wrong)).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(completeSignIn(await mfaTicket(u), "zzzzz-zzzzz")).rejects.toMatchObject({ code: "UNAUTHORIZED" }); // wrong recovery codes count too
    await expect(completeSignIn(await mfaTicket(u), codeFor(u.secret))).rejects.toMatchObject({
      code: "RATE_LIMITED",
      message: expect.stringContaining("Too many wrong codes"),
    });
    await expect(completeSignIn(await mfaTicket(u), u.recoveryCodes[0]!)).rejects.toMatchObject({
      code: "RATE_LIMITED",
    });
    // The refused recovery code was not spent.
    expect(await getTwoFactorStatus(u.id)).toMatchObject({ unusedRecoveryCodes: 10 });
  });
});

describe("managing two-factor authentication", () => {
  it("regenerating needs a current code and invalidates every old recovery code", async () => {
    const u = await userWith2fa();
    const before = await codeHashes(u.id);
    await expect(
      regenerateRecoveryCodes({ userId: u.id, code: wrongCodeFor(u.secret), ip: null }),
    ).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      fieldErrors: { code: [expect.stringContaining("not valid")] },
    });
    expect(await codeHashes(u.id)).toEqual(before);

    const { recoveryCodes: fresh } = await regenerateRecoveryCodes({
      userId: u.id,
      code: codeFor(u.secret),
      ip: "10.9.7.7",
    });
    expect(fresh).toHaveLength(10);
    expect(fresh.filter((code) => u.recoveryCodes.includes(code))).toEqual([]);
    expect(await codeHashes(u.id)).toEqual(fresh.map(sha256).sort());
    await expect(completeSignIn(await mfaTicket(u), u.recoveryCodes[1]!)).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
    expect((await completeSignIn(await mfaTicket(u), fresh[0]!)).usedRecoveryCode).toBe(true);
    expect(await getTwoFactorStatus(u.id)).toMatchObject({ unusedRecoveryCodes: 9 });
    expect((await events(u.id)).map((e) => e.kind)).toContain("recovery_codes_regenerated");
  });

  it("disabling needs a valid code, clears secret, date and codes, and ends the other sessions", async () => {
    const u = await userWith2fa();
    const mine = await createSession(u.id, { userAgent: "a", ipAddress: null });
    const other = await createSession(u.id, { userAgent: "b", ipAddress: null });
    await expect(
      disableTwoFactor({ userId: u.id, sessionId: mine, code: wrongCodeFor(u.secret), ip: null }),
    ).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    expect(await getTwoFactorStatus(u.id)).toMatchObject({ enabledAt: expect.any(Date), unusedRecoveryCodes: 10 });
    expect(await getActiveSessionUser(other)).not.toBeNull();

    await disableTwoFactor({ userId: u.id, sessionId: mine, code: codeFor(u.secret), ip: "10.9.6.6" });
    const row = (
      await db.query(
        "select totp_secret_enc, totp_enabled_at, (select count(*) from recovery_codes where user_id = $1)::int as codes from users where id = $1",
        [u.id],
      )
    ).rows[0];
    expect(row).toEqual({ totp_secret_enc: null, totp_enabled_at: null, codes: 0 });
    expect(await getActiveSessionUser(mine)).not.toBeNull();
    expect(await getActiveSessionUser(other)).toBeNull();
    expect(await events(u.id)).toEqual([
      { kind: "2fa_enabled", ip_address: "10.9.9.9" },
      { kind: "2fa_disabled", ip_address: "10.9.6.6" },
    ]);
    expect((await beginSignIn(u.username, u.password, "10.9.0.2")).step).toBe("done");
    // With 2FA off there is nothing to confirm against.
    await expect(regenerateRecoveryCodes({ userId: u.id, code: codeFor(u.secret), ip: null })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
    });
  });

  it("wrong codes on the settings page count against the same 5-per-5-minutes limit", async () => {
    const u = await userWith2fa();
    const wrong = wrongCodeFor(u.secret);
    for (let i = 0; i < 5; i++)
      await expect(
        disableTwoFactor({ userId: u.id, sessionId: crypto.randomUUID(), code: wrong, ip: null }),
      ).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    await expect(
      disableTwoFactor({ userId: u.id, sessionId: crypto.randomUUID(), code: codeFor(u.secret), ip: null }),
    ).rejects.toMatchObject({ code: "RATE_LIMITED" });
    await expect(regenerateRecoveryCodes({ userId: u.id, code: codeFor(u.secret), ip: null })).rejects.toMatchObject({
      code: "RATE_LIMITED",
    });
    await expect(completeSignIn(await mfaTicket(u), codeFor(u.secret))).rejects.toMatchObject({ code: "RATE_LIMITED" });
    expect(await getTwoFactorStatus(u.id)).toMatchObject({ enabledAt: expect.any(Date), unusedRecoveryCodes: 10 });
  });
});
