import { afterAll, describe, expect, inject, it } from "vitest";
import { totpFor } from "@/lib/security/totp";
import { startEnrollment } from "@/lib/security/two-factor-enrollment";
import { beginSignIn } from "@/lib/services/session/verify-credentials";
import { enableTwoFactor } from "@/lib/services/two-factor/enable";
import {
  formStateOf,
  actionFixtures,
  makeWorld,
  ORG_ACTORS,
  type OrgActor,
  type Person,
  type World,
} from "@/tests/helpers/action-world";
import { SELF_ACTIONS, SELF_ROWS } from "@/tests/helpers/action-self-rows";
import { clientAddress } from "@/tests/helpers/factory";
import { ORG_ROWS, waitForNoGarbageCollection } from "@/tests/helpers/action-org-rows";
import { buildActions, callNamedAction, type ActionFields, type ActionResult } from "@/tests/helpers/server-action";

/**
 * Every server action of the production build, called over HTTP as the browser calls it, by every
 * kind of actor, against an organization's public and private repositories (or a victim's own
 * account): one table per kind (tests/helpers/action-org-rows.ts, action-self-rows.ts), written
 * by hand from docs/permissions.md. For each row:
 *  - every actor the row does not allow (including a cookie whose session has ended) leaves the target exactly as it was (every column of every
 *    row the action could touch) and gets a form error with a message, never a 500;
 *  - each allowed actor, posting from another site with its own cookie, changes nothing either
 *    (Next's origin check: the CSRF protection of every action);
 *  - and from the console's own origin it does change the target, so the refusals above are real.
 * An action of the build with no row fails the first test: a new action must be put in the table.
 */
const c = inject("console");
const { db, cast } = actionFixtures(c);
const actions = buildActions();
// Rows turn site-wide settings on (pull limits, read-only, a storage quota, a GC schedule, builds) and start
// a garbage collection; files after this one expect none, and pushes that are not refused.
afterAll(async () => {
  await db.query(
    `delete from site_settings where key in ('registry.pull_rate_limit', 'registry.read_only', 'storage.default_quota_bytes', 'registry.gc_schedule', 'builds.enabled')`,
  );
  await waitForNoGarbageCollection(db);
});

// Actions with their own test below (no state to snapshot, or nobody to refuse).
const OTHER = {
  "lib/actions/auth.ts#signUpAction": "public: tested below (anyone may sign up; not from another site)",
  "lib/actions/auth.ts#signInAction": "public: tested below",
  "lib/actions/auth.ts#signInCodeAction": "public: tested below",
  "lib/actions/repository-creation.ts#checkRepositoryNameAction": "read-only: tested below (no existence leak)",
};

const call = (key: string, fields: ActionFields, caller: Person | null, origin?: string) =>
  callNamedAction(c.url, key, fields, { cookie: caller?.cookie ?? null, origin });

/** A refusal is a form error with a message, or (signed out, in a signed-in area) the way to sign in. */
function expectRefused(res: ActionResult, label: string) {
  expect(res.status, `${label}: status`).toBeLessThan(500);
  if (res.status >= 300 && res.status < 400 && res.location?.startsWith("/signin")) return;
  const state = formStateOf(res.body);
  expect(state?.ok, `${label}: form state ${res.body.slice(0, 300)}`).toBe(false);
  expect(state?.message ?? "", `${label}: a message`).not.toBe("");
}

describe("server action matrix", () => {
  it("every action of the build has a row", () => {
    const covered = new Set([...ORG_ROWS.map((r) => r.action), ...SELF_ACTIONS, ...Object.keys(OTHER)]);
    expect([...actions.keys()].filter((k) => !covered.has(k)).sort()).toEqual([]);
    expect([...covered].filter((k) => !actions.has(k)).sort()).toEqual([]);
  });

  for (const row of ORG_ROWS) {
    const visibilities = Array.isArray(row.allowed) ? ([null] as const) : (["public", "private"] as const);
    for (const visibility of visibilities) {
      it(
        `${row.action.split("#")[1]}${visibility ? ` on a ${visibility} repository` : ""}`,
        { timeout: 120_000 },
        async () => {
          const allowed = visibility
            ? (row.allowed as Record<"public" | "private", readonly OrgActor[]>)[visibility]
            : (row.allowed as readonly OrgActor[]);
          const repo = visibility === "private" ? "priv" : "pub";
          const ctx = async (w?: World) => {
            const world = w ?? (await makeWorld(cast));
            return { w: world, repo, t: (await row.prepare?.({ w: world, repo, cast, db, c })) ?? {} };
          };
          const shared = await ctx();
          for (const actor of ORG_ACTORS.filter((a) => !allowed.includes(a))) {
            const caller = actor === "anonymous" ? null : cast[actor];
            // A stale cookie comes with its owner's own form values (the admin's password, say).
            const x = { ...shared, caller: actor === "signed out admin" ? cast.admin : caller, cast, db };
            const before = await row.state(x);
            const res = await call(row.action, row.fields(x), caller);
            expectRefused(res, actor);
            expect(await row.state(x, res), `${actor} changed it`).toBe(before);
          }
          for (const [i, actor] of allowed.entries()) {
            const x = {
              ...(i === 0 ? shared : await ctx()),
              caller: cast[actor as Exclude<OrgActor, "anonymous">],
              cast,
              db,
            };
            const before = await row.state(x);
            const forged = await call(row.action, row.fields(x), x.caller, "https://evil.example");
            expect(await row.state(x, forged), `${actor} from another site changed it`).toBe(before);
            const res = await call(row.action, row.fields(x), x.caller);
            expect(res.status, `${actor}: ${res.body.slice(0, 300)}`).toBeLessThan(500);
            expect(await row.state(x, res), `${actor} is allowed: ${res.body.slice(0, 300)}`).not.toBe(before);
          }
        },
      );
    }
  }

  for (const row of SELF_ROWS) {
    it(`${row.action.split("#")[1]} acts on the caller's own account only`, { timeout: 60_000 }, async () => {
      const { victim, stale, outsider } = await row.people(c.url, db);
      const t = (await row.prepare?.({ victim, outsider, db, c })) ?? {};
      for (const [label, caller] of [
        ["anonymous", null],
        ["the victim's ended session", stale],
        ["another user", outsider],
      ] as const) {
        // The ended session's fields are the victim's own (password, code…): only the cookie is stale.
        const x = { victim, caller: caller === stale ? victim : caller, t, db };
        const before = await row.state(x);
        const res = await call(row.action, row.fields(x), caller);
        expect(res.status, label).toBeLessThan(500);
        if (caller !== outsider && !row.formless) expectRefused(res, label);
        expect(await row.state(x, res), `${label} changed the victim's account`).toBe(before);
      }
      const x = { victim, caller: victim, t, db };
      const before = await row.state(x);
      const forged = await call(row.action, row.fields(x), victim, "https://evil.example");
      expect(await row.state(x, forged), "from another site").toBe(before);
      const res = await call(row.action, row.fields(x), victim);
      expect(res.status, res.body.slice(0, 300)).toBeLessThan(500);
      expect(await row.state(x, res), `the victim's own call: ${res.body.slice(0, 300)}`).not.toBe(before);
    });
  }

  it("checkRepositoryNameAction says 'taken' only in namespaces the caller may create in", async () => {
    const w = await makeWorld(cast);
    const ask = async (caller: Person | null, namespace: string, name: string) => {
      const action = actions.get("lib/actions/repository-creation.ts#checkRepositoryNameAction")!;
      const body = new FormData();
      body.append("0", JSON.stringify([namespace, name]));
      const res = await fetch(`${c.url}/explore`, {
        method: "POST",
        body,
        headers: {
          Accept: "text/x-component",
          "Next-Action": action.id,
          Origin: c.url,
          ...(caller ? { Cookie: caller.cookie } : {}),
        },
      });
      return formStateOf(await res.text())?.message ?? "";
    };
    expect(await ask(cast.owner, w.org, "priv")).toBe(`${w.org}/priv already exists`);
    expect(await ask(cast.owner, w.org, "fresh")).toBe(`${w.org}/fresh is available`);
    for (const who of ["outsider", "reader", "admin"] as const) {
      // A team admin of an existing repository still cannot create repositories in the organization.
      expect(await ask(cast[who], w.org, "priv"), who).toBe(`You cannot create repositories in ${w.org}`);
      expect(await ask(cast[who], w.org, "nothere"), who).toBe(`You cannot create repositories in ${w.org}`);
    }
    expect(await ask(null, w.org, "priv")).toBe("");
  });

  it("sign-up and sign-in: anyone may, but not from another site", async () => {
    const name = `su${Date.now().toString(36)}`;
    const fields = { username: name, email: `${name}@example.test`, password: `pw-${name}-long-enough` };
    const users = async () =>
      (await db.query("select count(*)::int as n from users where username = $1", [name])).rows[0].n as number;
    await call("lib/actions/auth.ts#signUpAction", fields, null, "https://evil.example");
    expect(await users()).toBe(0);
    const res = await call("lib/actions/auth.ts#signUpAction", fields, null);
    expect(res.status, res.body.slice(0, 300)).toBeLessThan(500);
    expect(await users()).toBe(1);

    const signIn = (origin?: string) =>
      call(
        "lib/actions/auth.ts#signInAction",
        { login: name, password: fields.password, callbackUrl: "/" },
        null,
        origin,
      );
    const sessionsOf = async () =>
      (
        await db.query(
          "select count(*)::int as n from sessions s join users u on u.id = s.user_id where u.username = $1",
          [name],
        )
      ).rows[0].n as number;
    const start = await sessionsOf();
    await signIn("https://evil.example");
    expect(await sessionsOf()).toBe(start);
    await signIn();
    expect(await sessionsOf()).toBe(start + 1);

    // The second step, for an account with two-factor authentication.
    const u = (await db.query<{ id: string }>("select id from users where username = $1", [name])).rows[0]!;
    const { secret, sealed } = startEnrollment(u.id);
    await enableTwoFactor({
      userId: u.id,
      username: name,
      enrollment: sealed,
      code: totpFor(name, secret).generate(),
      ip: null,
    });
    // The code step's ticket names a challenge the password step opened (one attempt each); the refused call from another site never uses it.
    const step = await beginSignIn(name, fields.password, clientAddress());
    if (step.step !== "code") throw new Error("the password step should ask for a code");
    const code = (origin?: string) =>
      call(
        "lib/actions/auth.ts#signInCodeAction",
        { ticket: step.mfaTicket, code: totpFor(name, secret).generate(), callbackUrl: "/" },
        null,
        origin,
      );
    await code("https://evil.example");
    expect(await sessionsOf()).toBe(start + 1);
    await code();
    expect(await sessionsOf()).toBe(start + 2);
  });
});
