import pg from "pg";
import { Secret, TOTP } from "otpauth";
import { afterAll, describe, expect, inject, it } from "vitest";
import { startEnrollment } from "@/lib/security/two-factor-enrollment";
import { beginSignIn, completeSignIn } from "@/lib/services/session/verify-credentials";
import { enableTwoFactor } from "@/lib/services/two-factor/enable";
import { createOrganization } from "@/lib/services/organization/create";
import { createPersonalAccessToken } from "@/lib/services/personal-access-token/create";
import { newUser, type TestUser } from "@/tests/helpers/accounts";
import { formStateOf, signedIn } from "@/tests/helpers/action-world";
import { clientAddress, uniqueName } from "@/tests/helpers/factory";
import { callNamedAction } from "@/tests/helpers/server-action";

/**
 * Every attempt limit under 100 requests at once, through the real endpoints and server actions.
 * A security test found the limits were "check, then record": 60 parallel 2FA codes were all
 * evaluated and the right one among them got a session. Each test here sends the burst with
 * Promise.all and counts how many attempts were answered on their merits.
 */
const c = inject("console");
const db = new pg.Pool({ connectionString: c.databaseUrl, max: 3 });
afterAll(() => db.end());

const N = 100;
const burst = <T>(n: number, f: (i: number) => Promise<T>) => Promise.all(Array.from({ length: n }, (_, i) => f(i)));
const count = (xs: string[], needle: string) => xs.filter((x) => x.toLowerCase().includes(needle.toLowerCase())).length;
const basic = (u: string, p: string) => `Basic ${Buffer.from(`${u}:${p}`).toString("base64")}`;

function tokenRequest(login: string, secret: string, address = clientAddress()) {
  const url = new URL("/api/registry/token", c.url);
  url.searchParams.set("service", "registry-console");
  url.searchParams.set("scope", `repository:${login.split("@")[0]}/app:pull`);
  return fetch(url, { headers: { Authorization: basic(login, secret), "X-Forwarded-For": address } });
}
const tokenMessage = async (res: Response) => `${res.status} ${(await res.json()).errors?.[0]?.message ?? ""}`;

const totp = (secret: string) =>
  new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: "SHA1" });
function wrongCode(secret: string): string {
  const valid = [-30_000, 0, 30_000].map((o) => totp(secret).generate({ timestamp: Date.now() + o }));
  for (let n = 0; ; n++) if (!valid.includes(String(n).padStart(6, "0"))) return String(n).padStart(6, "0");
}
async function userWith2fa(): Promise<TestUser & { secret: string }> {
  const u = await newUser("cf");
  const { secret, sealed } = startEnrollment(u.id);
  await enableTwoFactor({
    userId: u.id,
    username: u.username,
    enrollment: sealed,
    code: totp(secret).generate(),
    ip: null,
  });
  return { ...u, secret };
}
type CodeRejected = { retryTicket: string | null; message: string };
const actionMessage = (body: string) => formStateOf(body)?.message ?? "";

describe("failed sign-ins: 10 per account, however many arrive at once", () => {
  it("token endpoint: of 100 parallel wrong passwords (username and email mixed) exactly 10 are told so, then the right one is refused", async () => {
    const u = await newUser("cl");
    const answers = await burst(N, async (i) =>
      tokenMessage(await tokenRequest(i % 2 ? u.username : u.email, `wrong-${i}`)),
    );
    expect(count(answers, "401 incorrect username or password")).toBe(10);
    expect(count(answers, "429 Too many failed sign-in attempts")).toBe(N - 10);
    expect(await tokenMessage(await tokenRequest(u.username, u.password))).toContain("429");
  });

  it("browser sign-in action: of 100 parallel wrong passwords exactly 10 are told so, then the right one is refused", async () => {
    const u = await newUser("cb");
    const answers = await burst(N, async (i) =>
      actionMessage(
        (
          await callNamedAction(c.url, "lib/actions/auth.ts#signInAction", {
            login: u.username,
            password: `wrong-${i}`,
            callbackUrl: "/",
          })
        ).body,
      ),
    );
    expect(count(answers, "Incorrect username or password.")).toBe(10);
    expect(count(answers, "Too many failed sign-in attempts")).toBe(N - 10);
    const right = await callNamedAction(c.url, "lib/actions/auth.ts#signInAction", {
      login: u.username,
      password: u.password,
      callbackUrl: "/",
    });
    expect(actionMessage(right.body)).toContain("Too many failed sign-in attempts");
  });

  it("one address: of 100 parallel guesses across accounts at most 30 are answered", async () => {
    const address = clientAddress();
    const answers = await burst(N, async (i) =>
      tokenMessage(await tokenRequest(uniqueName(`ghost${i}`), "wrong", address)),
    );
    expect(count(answers, "401 incorrect username or password")).toBe(30);
    expect(count(answers, "429")).toBe(N - 30);
  });

  it("20 parallel right passwords of one account are all accepted (docker authenticates every token request)", async () => {
    const u = await newUser("cp");
    const statuses = await burst(20, async () => (await tokenRequest(u.username, u.password)).status);
    expect(statuses).toEqual(Array(20).fill(200));
  });

  it("answers the same for an unknown account, a wrong password, a 2FA account and a deactivated one; only the right password with 2FA says a token is needed", async () => {
    const plain = await newUser("cu");
    const tf = await userWith2fa();
    const gone = await newUser("cd");
    await db.query("update users set deactivated_at = now() where id = $1", [gone.id]);
    const refusals = [
      await tokenMessage(await tokenRequest(uniqueName("nobody"), "wrong")),
      await tokenMessage(await tokenRequest(plain.username, "wrong")),
      await tokenMessage(await tokenRequest(tf.username, "wrong")),
      await tokenMessage(await tokenRequest(gone.username, "wrong")),
      await tokenMessage(await tokenRequest(gone.username, gone.password)),
    ];
    expect(new Set(refusals)).toEqual(new Set(["401 Incorrect username or password."]));
    expect(await tokenMessage(await tokenRequest(tf.username, tf.password))).toContain("use a personal access token");
  });

  it("the JSON API: of 100 parallel invalid tokens from one address at most 30 are answered", async () => {
    const address = clientAddress();
    const statuses = await burst(
      N,
      async (i) =>
        (
          await fetch(`${c.url}/api/v1/user`, {
            headers: { Authorization: `Bearer rcp_invalid${i}`, "X-Forwarded-For": address },
          })
        ).status,
    );
    expect(statuses.filter((s) => s === 401)).toHaveLength(30);
    expect(statuses.filter((s) => s === 429)).toHaveLength(N - 30);
  });
});

describe("2FA codes: 5 per account, one attempt per ticket", () => {
  const verify = async (ticket: string, code: string) =>
    actionMessage(
      (await callNamedAction(c.url, "lib/actions/auth.ts#signInCodeAction", { ticket, code, callbackUrl: "/" })).body,
    );

  it("60 parallel posts of Verify with one ticket: one is evaluated, the rest are refused as used", async () => {
    const u = await userWith2fa();
    const step = await callNamedAction(c.url, "lib/actions/auth.ts#signInAction", {
      login: u.username,
      password: u.password,
      callbackUrl: "/",
    });
    const ticket = String(formStateOf(step.body)?.data?.ticket);
    const answers = await burst(60, () => verify(ticket, wrongCode(u.secret)));
    expect(count(answers, "That code is not valid")).toBe(1);
    expect(count(answers, "already used")).toBe(59);
  });

  it("100 parallel wrong codes (each with its own ticket), the right code last: 5 evaluated, and the right one fails", async () => {
    const u = await userWith2fa();
    const tickets = await burst(N + 1, async () => {
      const step = await beginSignIn(u.username, u.password, clientAddress());
      return step.step === "code" ? step.mfaTicket : "";
    });
    // Half of them wrong recovery codes: they share the limit.
    const answers = await burst(N, (i) => verify(tickets[i]!, i % 2 ? wrongCode(u.secret) : "zzzzz-zzzzz"));
    expect(count(answers, "That code is not valid")).toBe(5);
    expect(count(answers, "Too many wrong codes")).toBe(N - 5);
    expect(await verify(tickets[N]!, totp(u.secret).generate())).toContain("Too many wrong codes");
  });

  it("a wrong code hands out the next ticket and spends the one used; five wrong codes end the sign-in", async () => {
    const u = await userWith2fa();
    const first = await beginSignIn(u.username, u.password, clientAddress());
    if (first.step !== "code") throw new Error("expected a code step");
    const err = (await completeSignIn(first.mfaTicket, wrongCode(u.secret)).catch(
      (e: unknown) => e as CodeRejected,
    )) as CodeRejected;
    expect(err.retryTicket).toBeTruthy();
    await expect(completeSignIn(first.mfaTicket, totp(u.secret).generate())).rejects.toMatchObject({
      message: expect.stringContaining("already used"),
    });
    expect((await completeSignIn(err.retryTicket!, totp(u.secret).generate())).usedRecoveryCode).toBe(false);
    // A sign-in whose chain reached five wrong codes must start over, even with slots left on the account.
    await db.query("delete from rate_limits where key = $1", [`totp:${u.id}`]);
    const again = await beginSignIn(u.username, u.password, clientAddress());
    let ticket = again.step === "code" ? again.mfaTicket : "";
    for (let i = 0; i < 5; i++) {
      await db.query("delete from rate_limits where key = $1", [`totp:${u.id}`]);
      const e = (await completeSignIn(ticket, wrongCode(u.secret)).catch(
        (x: unknown) => x as CodeRejected,
      )) as CodeRejected;
      if (i < 4) ticket = e.retryTicket!;
      else expect(e).toMatchObject({ retryTicket: null, message: expect.stringContaining("Start again") });
    }
  });

  it("the settings code check (turning 2FA off) under 100 parallel wrong codes: 5 evaluated", async () => {
    const u = await userWith2fa();
    const me = await signedIn(c.url, u);
    const answers = await burst(N, async () => {
      const state = formStateOf(
        (
          await callNamedAction(
            c.url,
            "lib/actions/security.ts#disableTwoFactorAction",
            { code: wrongCode(u.secret) },
            { cookie: me.cookie },
          )
        ).body,
      );
      return `${state?.message ?? ""} ${state?.fieldErrors?.code?.[0] ?? ""}`;
    });
    expect(count(answers, "That code is not valid")).toBe(5);
    expect(count(answers, "Too many wrong codes")).toBe(N - 5);
    expect(
      (await db.query("select totp_enabled_at from users where id = $1", [u.id])).rows[0].totp_enabled_at,
    ).not.toBeNull();
  });
});

describe("mail and invitation limits under 100 parallel requests", () => {
  it("email-change confirmations: at most 5 mails an hour", async () => {
    const u = await newUser("cm");
    const me = await signedIn(c.url, u);
    await callNamedAction(
      c.url,
      "lib/actions/profile.ts#changeEmailAction",
      { email: `${uniqueName("new")}@example.test`, currentPassword: u.password },
      { cookie: me.cookie },
    );
    const answers = await burst(N, async () =>
      actionMessage(
        (await callNamedAction(c.url, "lib/actions/profile.ts#resendEmailChangeAction", {}, { cookie: me.cookie }))
          .body,
      ),
    );
    const rows = (
      await db.query<{ n: number }>("select count(*)::int as n from email_verifications where user_id = $1", [u.id])
    ).rows[0]!.n;
    expect(rows).toBe(5);
    expect(count(answers, "Too many confirmation emails")).toBe(N - 4);
  });

  it("invitations: at most 50 a day per organization", async () => {
    const owner = await newUser("ci");
    const org = uniqueName("cio");
    await createOrganization(owner.id, { name: org, displayName: "" });
    const me = await signedIn(c.url, owner);
    const answers = await burst(N, async (i) =>
      actionMessage(
        (
          await callNamedAction(
            c.url,
            "lib/actions/organizations.ts#inviteMemberAction",
            { org, invitee: `guest${i}-${org}@example.test` },
            { cookie: me.cookie },
          )
        ).body,
      ),
    );
    const made = (
      await db.query<{ n: number }>(
        "select count(*)::int as n from organization_invitations i join namespaces n on n.id = i.organization_id where n.name = $1",
        [org],
      )
    ).rows[0]!.n;
    expect(made).toBe(50);
    expect(count(answers, "sent 50 invitations today")).toBe(N - 50);
  });

  it("a personal access token's successful use is never limited by its address", async () => {
    const u = await newUser("ct");
    const t = await createPersonalAccessToken(u.id, { description: "ci", scope: "read", expiry: "never" });
    const address = clientAddress();
    const statuses = await burst(60, async () => {
      const res = await fetch(`${c.url}/api/v1/user`, {
        headers: { Authorization: `Bearer ${t.secret}`, "X-Forwarded-For": address },
      });
      return res.status === 200 ? 200 : `${res.status} ${await res.text()}`;
    });
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
  });
});
