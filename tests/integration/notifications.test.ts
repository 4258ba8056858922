import pg from "pg";
import { Secret, TOTP } from "otpauth";
import { afterAll, describe, expect, inject, it } from "vitest";
import { NOTIFICATION_KINDS, type NotificationKind } from "@/db/schema/notifications";
import { startEnrollment } from "@/lib/security/two-factor-enrollment";
import { countUnreadNotifications, getNotificationPreferences, listNotifications } from "@/lib/data/notifications";
import { markAllNotificationsRead } from "@/lib/services/notification/mark-all-read";
import { markNotificationRead } from "@/lib/services/notification/mark-read";
import { notifyExpiringTokens } from "@/lib/services/notification/notify-expiring-tokens";
import { setNotificationPreferences } from "@/lib/services/notification/set-preferences";
import { createOrganization } from "@/lib/services/organization/create";
import { inviteMember } from "@/lib/services/organization/invite-member";
import { createPersonalAccessToken } from "@/lib/services/personal-access-token/create";
import { setPersonalAccessTokenActive } from "@/lib/services/personal-access-token/set-active";
import { createSession } from "@/lib/services/session/create";
import { disableTwoFactor } from "@/lib/services/two-factor/disable";
import { enableTwoFactor } from "@/lib/services/two-factor/enable";
import { createUser } from "@/lib/services/user/create";
import { deactivateAccount } from "@/lib/services/user/deactivate";
import { BOUNCE_PREFIX, readMails, waitForMail } from "@/tests/harness/smtp-sink";
import { waitForRows } from "@/tests/helpers/db";
import { uniqueName } from "@/tests/helpers/factory";
import { sessionCookie } from "@/tests/helpers/session";

const c = inject("console");
const db = new pg.Pool({ connectionString: c.databaseUrl, max: 2 });
afterAll(() => db.end());

async function newUser(prefix = "nt", emailPrefix = "") {
  const username = uniqueName(prefix);
  const email = `${emailPrefix}${username}@example.test`;
  const password = `pw-${username}-x`;
  const user = await createUser({ username, email, password });
  return { ...user, email, password };
}

type Row = {
  id: string;
  kind: NotificationKind;
  title: string;
  body: string;
  link: string | null;
  read_at: Date | null;
};
const notificationsOf = async (userId: string, kind?: NotificationKind) =>
  (
    await db.query<Row>(
      `select id, kind, title, body, link, read_at from notifications where user_id = $1 ${kind ? "and kind = $2" : ""} order by created_at`,
      kind ? [userId, kind] : [userId],
    )
  ).rows;
/** Email jobs queued for an address (the durable outbox, whatever the worker has done with them since). */
const emailJobsTo = async (email: string) =>
  (
    await db.query<{ subject: string; status: string }>(
      "select payload->>'subject' as subject, status from jobs where queue = 'email' and payload->>'to' = $1",
      [email],
    )
  ).rows;
const token = (userId: string, description = "ci", expiry: "30" | "never" = "30") =>
  createPersonalAccessToken(userId, { description, scope: "read", expiry }, "10.1.2.3");
const allKinds = [...NOTIFICATION_KINDS];
const without = (kind: NotificationKind) => allKinds.filter((k) => k !== kind);

/**
 * A mail we know is sent after the step under test: once it has arrived, the console's worker
 * has passed every job queued before it, so "no other mail" is a real observation, not a race.
 */
async function barrierMail(userId: string, email: string) {
  await createSession(userId, { userAgent: "barrier-agent", ipAddress: "10.0.0.9" }, { notifySignIn: true });
  await waitForMail(c.mailDir, (m) => m.to.includes(email) && m.subject === "New sign-in to your account", 15_000);
}

describe("preferences and delivery", () => {
  it("starts from the defaults: a new token gives an unread in-app entry and an email", async () => {
    const u = await newUser();
    const prefs = await getNotificationPreferences(u.id);
    expect(prefs.map((p) => p.kind)).toEqual(allKinds);
    expect(prefs.find((p) => p.kind === "token_created")).toMatchObject({
      email: true,
      inApp: true,
      label: "Access token created",
    });
    expect(prefs.find((p) => p.kind === "repository_push")).toMatchObject({ email: false, inApp: true });

    await token(u.id, "ci pipeline");
    const [row, ...rest] = await notificationsOf(u.id);
    expect(rest).toEqual([]);
    expect(row).toMatchObject({
      kind: "token_created",
      title: 'Access token "ci pipeline" created',
      link: "/settings/tokens",
      read_at: null,
    });
    expect(row!.body).toContain("Read-only");
    expect(row!.body).toContain("10.1.2.3");
    expect(await countUnreadNotifications(u.id)).toBe(1);

    const mail = await waitForMail(c.mailDir, (m) => m.to.includes(u.email), 15_000);
    expect(mail.subject).toBe('Access token "ci pipeline" created');
    expect(mail.text).toContain(`${c.url}/settings/tokens`);
    expect(mail.text).toContain(`${c.url}/settings/notifications`);
  });

  it("email turned off for a kind: the in-app entry only, no mail", async () => {
    const u = await newUser();
    await setNotificationPreferences(u.id, { email: without("token_created"), inApp: allKinds });
    expect((await getNotificationPreferences(u.id)).find((p) => p.kind === "token_created")).toMatchObject({
      email: false,
      inApp: true,
    });
    // Saving again overwrites (an upsert per kind, not a second row).
    await setNotificationPreferences(u.id, { email: without("token_created"), inApp: allKinds });
    expect(
      (await db.query("select count(*)::int as n from notification_preferences where user_id = $1", [u.id])).rows[0].n,
    ).toBe(allKinds.length);

    await token(u.id);
    expect((await notificationsOf(u.id, "token_created")).length).toBe(1);
    expect(await emailJobsTo(u.email)).toEqual([]);
    await barrierMail(u.id, u.email);
    expect((await readMails(c.mailDir)).filter((m) => m.to.includes(u.email)).map((m) => m.subject)).toEqual([
      "New sign-in to your account",
    ]);
  });

  it("in-app turned off for a kind: no entry under the bell, the email still goes", async () => {
    const u = await newUser();
    await setNotificationPreferences(u.id, { email: allKinds, inApp: without("token_created") });
    await token(u.id, "deploy");
    const mail = await waitForMail(c.mailDir, (m) => m.to.includes(u.email), 15_000);
    expect(mail.subject).toBe('Access token "deploy" created');
    expect(await notificationsOf(u.id)).toEqual([]);
    expect(await countUnreadNotifications(u.id)).toBe(0);

    // Both off: nothing at all.
    await setNotificationPreferences(u.id, { email: [], inApp: [] });
    await token(u.id, "silent");
    expect(await notificationsOf(u.id)).toEqual([]);
    expect((await emailJobsTo(u.email)).map((j) => j.subject)).toEqual(['Access token "deploy" created']);
  });

  it("an SMTP refusal leaves the email queued for a retry with the error recorded; nothing is lost", async () => {
    const u = await newUser("nb", BOUNCE_PREFIX);
    await token(u.id, "bounced");
    expect((await notificationsOf(u.id)).length).toBe(1);
    const [job] = await waitForRows<{
      status: string;
      attempts: number;
      last_error: string | null;
      retry_in_future: boolean;
    }>(
      c.databaseUrl,
      "select status, attempts, last_error, run_at > now() as retry_in_future from jobs where queue = 'email' and payload->>'to' = $1",
      [u.email],
      (rows) => rows.length === 1 && rows[0]!.attempts >= 1 && rows[0]!.status === "queued",
      15_000,
    );
    expect(job).toMatchObject({ status: "queued", attempts: 1, retry_in_future: true });
    expect(job!.last_error).toMatch(/550|Mailbox unavailable/);
    expect((await readMails(c.mailDir)).filter((m) => m.to.includes(u.email))).toEqual([]);
  });
});

describe("token expiry notices", () => {
  const expireIn = (tokenId: string, days: number) =>
    db.query("update personal_access_tokens set expires_at = now() + make_interval(days => $2) where id = $1", [
      tokenId,
      days,
    ]);

  it("a token expiring in 3 days is announced exactly once, however often the sweep runs; one in 30 days is not", async () => {
    const u = await newUser();
    await setNotificationPreferences(u.id, { email: allKinds, inApp: allKinds });
    const soon = await token(u.id, "ci");
    const later = await token(u.id, "later");
    const paused = await token(u.id, "paused");
    const never = await token(u.id, "forever", "never");
    await expireIn(soon.id, 3);
    await expireIn(later.id, 30);
    await expireIn(paused.id, 2);
    await setPersonalAccessTokenActive(u.id, paused.id, false, null);

    // Two sweeps at once (two console processes), then one more: still one notice.
    await Promise.all([notifyExpiringTokens(), notifyExpiringTokens()]);
    await notifyExpiringTokens();
    const notices = await notificationsOf(u.id, "token_expiring");
    expect(notices.length).toBe(1);
    expect(notices[0]!.title).toMatch(/^Your token "ci" expires on [A-Z][a-z]{2} \d{1,2}, \d{4}$/);
    expect(notices[0]!.link).toBe("/settings/tokens");
    const stamped = (
      await db.query("select id from personal_access_tokens where user_id = $1 and expiry_notified_at is not null", [
        u.id,
      ])
    ).rows.map((r) => r.id);
    expect(stamped).toEqual([soon.id]);
    expect(never.expiresAt).toBeNull();

    const mail = await waitForMail(
      c.mailDir,
      (m) => m.to.includes(u.email) && m.subject.startsWith('Your token "ci" expires'),
      15_000,
    );
    expect(mail.text).toContain(`${c.url}/settings/tokens`);
    expect((await emailJobsTo(u.email)).filter((j) => j.subject.startsWith("Your token")).length).toBe(1);
  });

  it("a deactivated account gets nothing", async () => {
    const u = await newUser();
    const t = await token(u.id, "gone");
    await expireIn(t.id, 3);
    await deactivateAccount({ userId: u.id, confirmation: u.username, currentPassword: u.password, ip: null });
    await notifyExpiringTokens();
    expect(await notificationsOf(u.id, "token_expiring")).toEqual([]);
    expect((await emailJobsTo(u.email)).filter((j) => j.subject.startsWith("Your token"))).toEqual([]);
    // Nothing else reaches them either (notify() skips deactivated accounts).
    await createSession(u.id, { userAgent: "x", ipAddress: null }, { notifySignIn: true });
    expect(await notificationsOf(u.id, "new_sign_in")).toEqual([]);
  });
});

describe("reading", () => {
  it("mark-read and mark-all-read touch only the caller's own notifications", async () => {
    const a = await newUser("na");
    const b = await newUser("nc");
    for (const name of ["one", "two", "three"]) await token(a.id, name);
    for (const name of ["one", "two"]) await token(b.id, name);
    const bRows = await notificationsOf(b.id);

    const page1 = await listNotifications({ userId: a.id, unreadOnly: false, page: 1, pageSize: 2 });
    expect(page1.total).toBe(3);
    expect(page1.items.map((i) => i.title)).toEqual(['Access token "three" created', 'Access token "two" created']);

    await expect(markNotificationRead(a.id, bRows[0]!.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await countUnreadNotifications(b.id)).toBe(2);

    const first = page1.items[0]!;
    expect(await markNotificationRead(a.id, first.id)).toEqual({ link: "/settings/tokens" });
    const readAt = (await notificationsOf(a.id)).find((r) => r.id === first.id)!.read_at;
    expect(readAt).not.toBeNull();
    await markNotificationRead(a.id, first.id);
    expect((await notificationsOf(a.id)).find((r) => r.id === first.id)!.read_at).toEqual(readAt);
    expect(await countUnreadNotifications(a.id)).toBe(2);
    expect(
      (await listNotifications({ userId: a.id, unreadOnly: true, page: 1, pageSize: 20 })).items.map((i) => i.id),
    ).not.toContain(first.id);

    expect(await markAllNotificationsRead(a.id)).toBe(2);
    expect(await countUnreadNotifications(a.id)).toBe(0);
    expect(await markAllNotificationsRead(a.id)).toBe(0);
    expect(await countUnreadNotifications(b.id)).toBe(2);
  });
});

describe("what notifies", () => {
  it("a sign-in names the browser, OS and address (parsed, not the raw header); the session of a new account does not notify", async () => {
    const u = await newUser();
    await createSession(u.id, { userAgent: "first-session", ipAddress: null });
    expect(await notificationsOf(u.id)).toEqual([]);
    const firefox = "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0";
    await createSession(u.id, { userAgent: firefox, ipAddress: "203.0.113.7" }, { notifySignIn: true });
    const [row] = await notificationsOf(u.id, "new_sign_in");
    expect(row).toMatchObject({ title: "New sign-in to your account", link: "/settings/security" });
    expect(row!.body).toMatch(/^Your account was signed in to with Firefox 140 on Ubuntu from 203\.0\.113\.7\./);
    expect(row!.body).not.toContain("Mozilla/5.0");
    await waitForMail(c.mailDir, (m) => m.to.includes(u.email) && m.subject === "New sign-in to your account", 15_000);
  });

  it("turning two-factor authentication on and off notifies", async () => {
    const u = await newUser();
    const { secret, sealed } = startEnrollment(u.id);
    const totp = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: "SHA1" });
    await enableTwoFactor({ userId: u.id, username: u.username, enrollment: sealed, code: totp.generate(), ip: null });
    await disableTwoFactor({ userId: u.id, sessionId: crypto.randomUUID(), code: totp.generate(), ip: null });
    expect((await notificationsOf(u.id, "two_factor_changed")).map((r) => r.title)).toEqual([
      "Two-factor authentication turned on",
      "Two-factor authentication turned off",
    ]);
  });

  it("an invitation to an existing account arrives once, through the invitee's notification choices", async () => {
    const owner = await newUser("no");
    const invitee = await newUser("ni");
    const org = uniqueName("norg");
    await createOrganization(owner.id, { name: org, displayName: "" });
    expect(await inviteMember({ org, actorId: owner.id, invitee: invitee.username })).toMatchObject({ emailed: true });
    const [row] = await notificationsOf(invitee.id, "organization_invitation");
    expect(row).toMatchObject({ title: `You are invited to join ${org} on Dockyard`, link: "/invitations" });
    expect(row!.body).toContain(owner.username);
    const mail = await waitForMail(
      c.mailDir,
      (m) => m.to.includes(invitee.email) && m.subject === `You are invited to join ${org} on Dockyard`,
      15_000,
    );
    expect(mail.text).toContain(`${c.url}/invitations`);
    await barrierMail(invitee.id, invitee.email);
    expect(
      (await readMails(c.mailDir)).filter((m) => m.to.includes(invitee.email) && m.subject.includes("invited")).length,
    ).toBe(1);
  });
});

describe("the bell's unread count (GET /api/notifications/unread-count)", () => {
  it("answers the signed-in user's own count, and 401 to anyone signed out or with an ended session", async () => {
    const username = uniqueName("nb");
    const u = await createUser({ username, email: `${username}@example.test`, password: `pw-${username}-x` });
    await createPersonalAccessToken(u.id, { description: "bell", scope: "read", expiry: "never" });
    const cookie = await sessionCookie(c.url, u.id);
    const get = (headers: Record<string, string> = {}) => fetch(`${c.url}/api/notifications/unread-count`, { headers });
    const mine = await get({ Cookie: cookie });
    expect(mine.headers.get("cache-control")).toBe("no-store");
    expect(await mine.json()).toEqual({ count: await countUnreadNotifications(u.id) });
    expect((await get()).status).toBe(401);
    await db.query("update sessions set revoked_at = now() where user_id = $1", [u.id]);
    const ended = await get({ Cookie: cookie });
    expect([ended.status, (await ended.json()).error.code]).toEqual([401, "UNAUTHORIZED"]);
  });
});
