import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { getActiveSessionUser } from "@/lib/data/sessions";
import { getAccountSettings, getPublicProfile } from "@/lib/data/users";
import { createPersonalAccessToken } from "@/lib/services/personal-access-token/create";
import { createSession } from "@/lib/services/session/create";
import { checkPassword } from "@/lib/services/session/verify-credentials";
import { changePassword } from "@/lib/services/user/change-password";
import { confirmEmailChange } from "@/lib/services/user/confirm-email-change";
import { createUser } from "@/lib/services/user/create";
import { deactivateAccount } from "@/lib/services/user/deactivate";
import { requestEmailChange } from "@/lib/services/user/request-email-change";
import { resendEmailChange } from "@/lib/services/user/resend-email-change";
import { setDefaultVisibility } from "@/lib/services/user/set-default-visibility";
import { updateProfile } from "@/lib/services/user/update-profile";
import { changePasswordSchema, profileSchema } from "@/lib/validations/settings";
import { BOUNCE_PREFIX, waitForMail } from "@/tests/harness/smtp-sink";
import { uniqueName } from "@/tests/helpers/factory";

const c = inject("console");
const db = new pg.Pool({ connectionString: c.databaseUrl, max: 2 });
afterAll(() => db.end());

async function newUser() {
  const username = uniqueName("ac");
  const password = `pw-${username}-x`;
  const user = await createUser({ username, email: `${username}@example.test`, password });
  return { ...user, password, email: `${username}@example.test` };
}

const tokenFrom = (text: string) => /verify-email\?token=([A-Za-z0-9_-]+)/.exec(text)?.[1];
const emailOf = async (id: string) =>
  (await db.query("select email from users where id = $1", [id])).rows[0].email as string;
const events = async (id: string) =>
  (await db.query("select action as kind from audit_events where actor_id = $1 order by created_at", [id])).rows.map(
    (r) => r.kind as string,
  );

describe("email change", () => {
  it("mails a link to the new address over SMTP; the address changes only when it is opened, once", async () => {
    const u = await newUser();
    const next = `${uniqueName("new")}@example.test`;
    expect(await requestEmailChange(u.id, { email: next, currentPassword: u.password })).toEqual({ sent: true });
    const mail = await waitForMail(c.mailDir, (m) => m.to.includes(next));
    expect(mail.subject).toBe("Confirm your new email address for Dockyard");
    expect(mail.text).toContain(`${c.url}/verify-email?token=`);
    expect((await db.query("select email from users where id = $1", [u.id])).rows[0].email).toBe(u.email);

    const token = tokenFrom(mail.text)!;
    expect(await confirmEmailChange(token)).toEqual({ email: next });
    const row = (await db.query("select email, email_verified_at from users where id = $1", [u.id])).rows[0];
    expect(row.email).toBe(next);
    expect(row.email_verified_at).not.toBeNull();
    expect(await events(u.id)).toContain("email_changed");
    await expect(confirmEmailChange(token)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(confirmEmailChange("A".repeat(32))).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses a wrong password, an address in use, and expired links", async () => {
    const u = await newUser();
    const other = await newUser();
    await expect(
      requestEmailChange(u.id, { email: `${uniqueName("x")}@example.test`, currentPassword: "wrong" }),
    ).rejects.toMatchObject({ fieldErrors: { currentPassword: ["Your current password is not correct"] } });
    await expect(requestEmailChange(u.id, { email: other.email, currentPassword: u.password })).rejects.toMatchObject({
      fieldErrors: { email: ["An account with this email already exists"] },
    });

    const next = `${uniqueName("exp")}@example.test`;
    await requestEmailChange(u.id, { email: next, currentPassword: u.password });
    const token = tokenFrom((await waitForMail(c.mailDir, (m) => m.to.includes(next))).text)!;
    await db.query("update email_verifications set expires_at = now() - interval '1 second' where user_id = $1", [
      u.id,
    ]);
    await expect(confirmEmailChange(token)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await db.query("select email from users where id = $1", [u.id])).rows[0].email).toBe(u.email);
  });

  it("refuses the link when another account took the address in the meantime", async () => {
    const u = await newUser();
    const contested = `${uniqueName("race")}@example.test`;
    await requestEmailChange(u.id, { email: contested, currentPassword: u.password });
    const token = tokenFrom((await waitForMail(c.mailDir, (m) => m.to.includes(contested))).text)!;
    await createUser({ username: uniqueName("rc"), email: contested, password: "pw-long-enough-9" });
    await expect(confirmEmailChange(token)).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await emailOf(u.id)).toBe(u.email);
  });

  it("keeps the request when the mail cannot be sent; a resend mails a new link and the old one dies", async () => {
    const u = await newUser();
    const bounced = `${BOUNCE_PREFIX}${uniqueName("b")}@example.test`;
    expect(await requestEmailChange(u.id, { email: bounced, currentPassword: u.password })).toEqual({ sent: false });
    expect((await getAccountSettings(u.id))?.pendingEmail).toBe(bounced);
    expect(await resendEmailChange(u.id)).toEqual({ sent: false, email: bounced });
    expect(await emailOf(u.id)).toBe(u.email);

    const next = `${uniqueName("rs")}@example.test`;
    await requestEmailChange(u.id, { email: next, currentPassword: u.password });
    const first = tokenFrom((await waitForMail(c.mailDir, (m) => m.to.includes(next))).text)!;
    expect(await resendEmailChange(u.id)).toEqual({ sent: true, email: next });
    const second = tokenFrom(
      (await waitForMail(c.mailDir, (m) => m.to.includes(next) && tokenFrom(m.text) !== first)).text,
    )!;
    await expect(confirmEmailChange(first)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await confirmEmailChange(second)).toEqual({ email: next });
    expect((await getAccountSettings(u.id))?.pendingEmail).toBeNull();
    await expect(resendEmailChange(u.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("limits confirmation mails to 5 an hour per account", async () => {
    const u = await newUser();
    await requestEmailChange(u.id, { email: `${uniqueName("rl")}@example.test`, currentPassword: u.password });
    for (let i = 0; i < 4; i++) await resendEmailChange(u.id);
    await expect(resendEmailChange(u.id)).rejects.toMatchObject({ code: "RATE_LIMITED" });
    await expect(
      requestEmailChange(u.id, { email: `${uniqueName("rl")}@example.test`, currentPassword: u.password }),
    ).rejects.toMatchObject({ code: "RATE_LIMITED" });
  });

  it("does not move a deactivated account to the new address", async () => {
    const u = await newUser();
    const next = `${uniqueName("da")}@example.test`;
    await requestEmailChange(u.id, { email: next, currentPassword: u.password });
    const token = tokenFrom((await waitForMail(c.mailDir, (m) => m.to.includes(next))).text)!;
    await deactivateAccount({ userId: u.id, confirmation: u.username, currentPassword: u.password, ip: null });
    await expect(confirmEmailChange(token)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await emailOf(u.id)).toBe(u.email);
  });
});

describe("password change", () => {
  it("needs the current password and ends every other session", async () => {
    const u = await newUser();
    const mine = await createSession(u.id, { userAgent: "a", ipAddress: null });
    const other = await createSession(u.id, { userAgent: "b", ipAddress: null });
    await expect(
      changePassword({
        userId: u.id,
        sessionId: mine,
        currentPassword: "wrong",
        newPassword: "brand-new-password-1",
        ip: null,
      }),
    ).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    expect(await getActiveSessionUser(other)).not.toBeNull();
    await checkPassword(u.username, u.password, "10.5.0.1");

    expect(
      await changePassword({
        userId: u.id,
        sessionId: mine,
        currentPassword: u.password,
        newPassword: "brand-new-password-1",
        ip: null,
      }),
    ).toEqual({ endedSessions: 1 });
    expect(await getActiveSessionUser(mine)).not.toBeNull();
    expect(await getActiveSessionUser(other)).toBeNull();
    await expect(checkPassword(u.username, u.password, "10.5.0.2")).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect((await checkPassword(u.username, "brand-new-password-1", "10.5.0.3")).id).toBe(u.id);
    expect(await events(u.id)).toContain("password_changed");
  });

  it("validates the new password and its confirmation", () => {
    const base = { currentPassword: "x", newPassword: "a-good-long-password", confirmPassword: "a-good-long-password" };
    expect(changePasswordSchema.safeParse(base).success).toBe(true);
    const issues = (v: Record<string, string>) =>
      changePasswordSchema.safeParse({ ...base, ...v }).error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    expect(issues({ newPassword: "short", confirmPassword: "short" })).toEqual([
      "newPassword: Must be at least 10 characters",
    ]);
    expect(issues({ newPassword: "password123", confirmPassword: "password123" })).toEqual([
      "newPassword: This password is too common; choose another",
    ]);
    expect(issues({ confirmPassword: "something-else-entirely" })).toEqual([
      "confirmPassword: The passwords do not match",
    ]);
    expect(issues({ currentPassword: "" })).toEqual(["currentPassword: Enter your current password"]);
  });
});

describe("deactivation", () => {
  it("needs the typed username and password, then ends sessions, tokens and sign-in", async () => {
    const u = await newUser();
    const session = await createSession(u.id, { userAgent: "a", ipAddress: null });
    const second = await createSession(u.id, { userAgent: "b", ipAddress: null });
    const pat = await createPersonalAccessToken(u.id, { description: "ci", scope: "read", expiry: "never" });
    await expect(
      deactivateAccount({ userId: u.id, confirmation: "someone-else", currentPassword: u.password, ip: null }),
    ).rejects.toMatchObject({ fieldErrors: { confirmation: [`Type ${u.username} to confirm`] } });
    await expect(
      deactivateAccount({ userId: u.id, confirmation: u.username, currentPassword: "wrong", ip: null }),
    ).rejects.toMatchObject({ fieldErrors: { currentPassword: ["Your current password is not correct"] } });
    expect(await getActiveSessionUser(session)).not.toBeNull();
    expect(
      (await db.query("select deactivated_at from users where id = $1", [u.id])).rows[0].deactivated_at,
    ).toBeNull();

    expect(await getPublicProfile(u.username)).not.toBeNull();
    await deactivateAccount({ userId: u.id, confirmation: u.username, currentPassword: u.password, ip: null });
    expect(
      (await db.query("select deactivated_at from users where id = $1", [u.id])).rows[0].deactivated_at,
    ).not.toBeNull();
    expect(await getActiveSessionUser(session)).toBeNull();
    expect(await getActiveSessionUser(second)).toBeNull();
    expect(await events(u.id)).toContain("account_deactivated");
    expect(await getPublicProfile(u.username)).toBeNull();
    // The same answer as a wrong password: a deactivated account is not confirmed to a guesser.
    await expect(checkPassword(u.username, u.password, "10.6.0.1")).rejects.toMatchObject({
      message: "Incorrect username or password.",
    });
    const api = await fetch(new URL("/api/v1/user", c.url), { headers: { Authorization: `Bearer ${pat.secret}` } });
    expect(api.status).toBe(401);
    // The namespace stays reserved.
    await expect(
      createUser({ username: u.username, email: `${uniqueName("y")}@example.test`, password: "pw-long-enough-3" }),
    ).rejects.toMatchObject({ fieldErrors: { username: ["This name is already taken"] } });
  });
});

describe("profile and default privacy", () => {
  it("saves the caller's profile (empty fields as none) and default visibility, touching no one else", async () => {
    const u = await newUser();
    const other = await newUser();
    await updateProfile(u.id, { displayName: "Ada", company: "", location: "London", website: "https://example.com" });
    expect(await getPublicProfile(u.username)).toMatchObject({
      username: u.username,
      displayName: "Ada",
      company: null,
      location: "London",
      website: "https://example.com",
    });
    expect(await getPublicProfile(other.username)).toMatchObject({ displayName: null, location: null });

    await setDefaultVisibility(u.id, "private");
    expect((await getAccountSettings(u.id))?.defaultVisibility).toBe("private");
    expect((await getAccountSettings(other.id))?.defaultVisibility).toBe("public");
  });

  it("accepts http(s) websites and rejects scripts and overlong fields", () => {
    expect(
      profileSchema.safeParse({ displayName: "A", company: "", location: "", website: "https://example.com/x" })
        .success,
    ).toBe(true);
    for (const website of ["javascript:alert(1)", "ftp://example.com", "example.com", "https://"]) {
      expect(profileSchema.safeParse({ displayName: "", company: "", location: "", website }).success, website).toBe(
        false,
      );
    }
    const empty = { displayName: "", company: "", location: "", website: "" };
    for (const field of ["displayName", "company", "location"] as const) {
      expect(profileSchema.safeParse({ ...empty, [field]: "x".repeat(100) }).success).toBe(true);
      expect(profileSchema.safeParse({ ...empty, [field]: "x".repeat(101) }).error?.issues[0]).toMatchObject({
        path: [field],
        message: "Must be at most 100 characters",
      });
    }
    expect(
      profileSchema.safeParse({ ...empty, website: `https://example.com/${"x".repeat(181)}` }).error?.issues[0]
        ?.message,
    ).toBe("Must be at most 200 characters");
  });
});
