import type pg from "pg";
import type { ProvidedConsole } from "@/tests/harness/global-setup";
import { totpFor } from "@/lib/security/totp";
import { openEnrollment, startEnrollment } from "@/lib/security/two-factor-enrollment";
import { createOrganization } from "@/lib/services/organization/create";
import { inviteMember } from "@/lib/services/organization/invite-member";
import { createPersonalAccessToken } from "@/lib/services/personal-access-token/create";
import { issueRefreshToken } from "@/lib/services/registry-refresh-token/issue";
import { createSession } from "@/lib/services/session/create";
import { enableTwoFactor } from "@/lib/services/two-factor/enable";
import { requestEmailChange } from "@/lib/services/user/request-email-change";
import { newUser } from "./accounts";
import { formStateOf, signedIn, signedOut, snapshot, type Person } from "./action-world";
import { uniqueName } from "./factory";
import type { ActionFields, ActionResult } from "./server-action";

/**
 * Actions on the caller's own account. Each row has a fresh victim and a fresh other user (who
 * may change their own account: deactivating it, say), and names the victim's objects by id where
 * the form does (a token, a notification, an enrollment), so "another user" really aims at them.
 */
export type SelfCtx = { victim: Person; caller: Person | null; t: Record<string, string>; db: pg.Pool };
type Prepare = { victim: Person; outsider: Person; db: pg.Pool; c: ProvidedConsole };
// `stale`: a cookie of the victim's own from a session that has ended.
type People = { victim: Person; stale: Person; outsider: Person };
export type SelfRow = {
  action: string;
  people: (consoleUrl: string, db: pg.Pool) => Promise<People>;
  prepare?: (p: Prepare) => Promise<Record<string, string>>;
  fields: (x: SelfCtx) => ActionFields;
  state: (x: SelfCtx, res?: ActionResult) => Promise<string>;
  formless?: boolean;
};

const G = "lib/actions/profile.ts#";
const S = "lib/actions/security.ts#";
const T = "lib/actions/tokens.ts#";
const N = "lib/actions/notifications.ts#";

async function people(consoleUrl: string, db: pg.Pool): Promise<People> {
  const [v, o] = await Promise.all([newUser("sv"), newUser("so")]);
  const stale = await signedOut(consoleUrl, db, v!);
  return { victim: await signedIn(consoleUrl, v!), stale, outsider: await signedIn(consoleUrl, o!) };
}
const user = (columns: string) => (x: SelfCtx) =>
  snapshot(x.db, `(select id, ${columns} from users)`, "id = $1", [x.victim.id]);
const ofVictim = (table: string) => (x: SelfCtx) => snapshot(x.db, table, "user_id = $1", [x.victim.id]);
const byId = (table: string, id: string) => (x: SelfCtx) => snapshot(x.db, table, "id = $1", [x.t[id]]);
const password = (x: SelfCtx) => x.caller?.password ?? "not-signed-in";

async function twoFactorOn(p: Prepare): Promise<Record<string, string>> {
  const { secret, sealed } = startEnrollment(p.victim.id);
  await enableTwoFactor({
    userId: p.victim.id,
    username: p.victim.username,
    enrollment: sealed,
    code: totpFor(p.victim.username, secret).generate(),
    ip: null,
  });
  return { secret };
}
// The victim is invited to someone's organization: an unread in-app notification of theirs.
async function invited(p: Prepare): Promise<Record<string, string>> {
  const org = uniqueName("sorg");
  await createOrganization(p.outsider.id, { name: org, displayName: "" });
  await inviteMember({ org, actorId: p.outsider.id, invitee: p.victim.username });
  const { rows } = await p.db.query(
    "select id from notifications where user_id = $1 and kind = 'organization_invitation'",
    [p.victim.id],
  );
  return { notificationId: rows[0].id };
}
const code = (x: SelfCtx) => totpFor(x.victim.username, x.t.secret!).generate();

// A docker login of the victim's (the refresh token `docker login` gets), named by id as the Security page's form does.
async function dockerLogin(p: Prepare): Promise<Record<string, string>> {
  await issueRefreshToken({
    userId: p.victim.id,
    personalAccessTokenId: null,
    clientId: "docker",
    userAgent: "docker/28.2.2 os/linux arch/amd64",
    ip: "10.9.8.7",
  });
  const { rows } = await p.db.query(
    "select id from registry_refresh_tokens where user_id = $1 order by created_at desc limit 1",
    [p.victim.id],
  );
  return { loginId: rows[0].id };
}
// Another browser session of the victim's besides the one making the calls.
async function otherSession(p: Prepare): Promise<Record<string, string>> {
  return {
    sessionId: await createSession(p.victim.id, {
      userAgent: "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0",
      ipAddress: "10.9.8.6",
    }),
  };
}

const rows: Array<Omit<SelfRow, "people">> = [
  {
    action: `${G}updateProfileAction`,
    fields: (x) => ({ displayName: `set by ${x.caller?.username}`, company: "", location: "", website: "" }),
    state: user("display_name, company, location, website"),
  },
  {
    action: `${G}changeEmailAction`,
    fields: (x) => ({ email: `${uniqueName("ne")}@example.test`, currentPassword: password(x) }),
    state: ofVictim("email_verifications"),
  },
  {
    action: `${G}resendEmailChangeAction`,
    prepare: async (p) => {
      await requestEmailChange(p.victim.id, {
        email: `${uniqueName("re")}@example.test`,
        currentPassword: p.victim.password,
      });
      return {};
    },
    fields: () => ({}),
    state: ofVictim("email_verifications"),
  },
  {
    action: `${G}changePasswordAction`,
    fields: (x) => ({
      currentPassword: password(x),
      newPassword: "a-new-password-1234",
      confirmPassword: "a-new-password-1234",
    }),
    state: user("password_hash"),
  },
  {
    action: `${G}setDefaultVisibilityAction`,
    fields: () => ({ visibility: "private" }),
    state: (x) => snapshot(x.db, "namespaces", "id = (select namespace_id from users where id = $1)", [x.victim.id]),
  },
  {
    action: "lib/actions/notification-preferences.ts#setNotificationPreferencesAction",
    fields: () => ({ email: [], inApp: ["token_created"] }),
    state: ofVictim("notification_preferences"),
  },
  {
    action: `${T}createTokenAction`,
    fields: () => ({ description: "made", scope: "read", expiry: "30" }),
    state: ofVictim("(select id, user_id, description, scope from personal_access_tokens)"),
  },
  {
    action: `${T}setTokenActiveAction`,
    prepare: async (p) => ({
      tokenId: (await createPersonalAccessToken(p.victim.id, { description: "t", scope: "read", expiry: "30" })).id,
    }),
    fields: (x) => ({ tokenId: x.t.tokenId!, active: "false" }),
    state: byId("(select id, deactivated_at from personal_access_tokens)", "tokenId"),
  },
  {
    action: `${T}deleteTokenAction`,
    prepare: async (p) => ({
      tokenId: (await createPersonalAccessToken(p.victim.id, { description: "t", scope: "read", expiry: "30" })).id,
    }),
    fields: (x) => ({ tokenId: x.t.tokenId! }),
    state: byId("(select id from personal_access_tokens)", "tokenId"),
  },
  {
    action: `${S}startTwoFactorAction`,
    fields: () => ({}),
    // Nothing is stored until the code is confirmed: what matters is whose enrollment comes back.
    state: async (x, res) => {
      const sealed = formStateOf(res?.body ?? "")?.data?.sealed;
      return typeof sealed === "string" && openEnrollment(sealed, x.victim.id)
        ? "an enrollment for the victim"
        : "none";
    },
  },
  {
    action: `${S}enableTwoFactorAction`,
    prepare: async (p) => startEnrollment(p.victim.id),
    fields: (x) => ({ enrollment: x.t.sealed!, code: code(x) }),
    state: user("totp_secret_enc, totp_enabled_at"),
  },
  {
    action: `${S}regenerateRecoveryCodesAction`,
    prepare: twoFactorOn,
    fields: (x) => ({ code: code(x) }),
    state: ofVictim("recovery_codes"),
  },
  {
    action: `${S}disableTwoFactorAction`,
    prepare: twoFactorOn,
    fields: (x) => ({ code: code(x) }),
    state: user("totp_secret_enc, totp_enabled_at"),
  },
  {
    action: `${S}revokeDockerLoginAction`,
    prepare: dockerLogin,
    fields: (x) => ({ loginId: x.t.loginId! }),
    state: byId("(select id, revoked_at from registry_refresh_tokens)", "loginId"),
  },
  {
    action: `${S}revokeSessionAction`,
    prepare: otherSession,
    fields: (x) => ({ sessionId: x.t.sessionId! }),
    state: byId("(select id, revoked_at from sessions)", "sessionId"),
  },
  {
    action: `${S}signOutEverywhereAction`,
    prepare: dockerLogin,
    fields: () => ({}),
    // Another user signing out everywhere ends their own sessions and logins, never the victim's.
    state: ofVictim(
      "(select id, user_id, revoked_at from sessions union all select id, user_id, revoked_at from registry_refresh_tokens)",
    ),
  },
  {
    action: "lib/actions/account.ts#deactivateAccountAction",
    fields: (x) => ({ confirmation: x.caller?.username ?? "x", currentPassword: password(x) }),
    state: user("deactivated_at"),
  },
  {
    action: `${N}openNotificationAction`,
    prepare: invited,
    fields: (x) => ({ notificationId: x.t.notificationId! }),
    state: byId("notifications", "notificationId"),
  },
  {
    action: `${N}markNotificationReadAction`,
    prepare: invited,
    fields: (x) => ({ notificationId: x.t.notificationId! }),
    state: byId("notifications", "notificationId"),
  },
  {
    action: `${N}markAllNotificationsReadAction`,
    prepare: invited,
    fields: () => ({}),
    state: byId("notifications", "notificationId"),
  },
  {
    action: "lib/actions/getting-started.ts#dismissGettingStartedAction",
    fields: () => ({}),
    state: ofVictim("getting_started_dismissals"),
  },
  {
    action: "lib/actions/repository-creation.ts#createRepositoryAction",
    fields: (x) => ({ namespace: x.victim.username, name: "made", description: "", visibility: "public" }),
    state: (x) =>
      snapshot(
        x.db,
        "(select id, namespace_id from repositories)",
        "namespace_id = (select namespace_id from users where id = $1)",
        [x.victim.id],
      ),
  },
  {
    action: "lib/actions/organizations.ts#createOrganizationAction",
    fields: () => ({ name: uniqueName("no"), displayName: "" }),
    state: (x) => snapshot(x.db, "organizations", "created_by_id = $1", [x.victim.id]),
  },
  // Not a form action: it answers with a redirect, not form state.
  {
    action: "lib/actions/auth.ts#signOutAction",
    formless: true,
    fields: () => ({}),
    state: ofVictim("(select id, user_id, revoked_at from sessions)"),
  },
];

export const SELF_ROWS: SelfRow[] = rows.map((r) => ({ ...r, people }));
export const SELF_ACTIONS = SELF_ROWS.map((r) => r.action);
