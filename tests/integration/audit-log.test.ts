import { Secret, TOTP } from "otpauth";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { describeAuditEvent } from "@/lib/validations/audit-actions";
import { startEnrollment } from "@/lib/security/two-factor-enrollment";
import { listAuditEvents, type AuditLogInput } from "@/lib/data/audit-log";
import { listPendingInvitationsFor } from "@/lib/data/organizations";
import { getEnv } from "@/lib/env";
import { createOrganization } from "@/lib/services/organization/create";
import { inviteMember } from "@/lib/services/organization/invite-member";
import { respondToInvitation } from "@/lib/services/organization/respond-to-invitation";
import { createPersonalAccessToken } from "@/lib/services/personal-access-token/create";
import { deletePersonalAccessToken } from "@/lib/services/personal-access-token/delete";
import { issueRegistryToken } from "@/lib/services/registry-token/issue";
import { createRepository } from "@/lib/services/repository/create";
import { setRepositoryVisibility } from "@/lib/services/repository/set-visibility";
import { createTeam } from "@/lib/services/team/create";
import { setTeamRepositoryPermission } from "@/lib/services/team/set-repository-permission";
import { enableTwoFactor } from "@/lib/services/two-factor/enable";
import { createUser } from "@/lib/services/user/create";
import { uniqueName } from "@/tests/helpers/factory";

/**
 * The audit log as owners read it: entries written by the real services land in the right
 * namespace, newest first, filterable and paged; only owners and site operators may read a log.
 */
const c = inject("console");
const db = new pg.Pool({ connectionString: c.databaseUrl, max: 2 });
afterAll(() => db.end());

type U = { id: string; username: string; password: string; email: string; isAdmin: boolean };
async function newUser(prefix: string): Promise<U> {
  const username = uniqueName(prefix);
  const password = `pw-${username}-x`;
  const email = `${username}@example.test`;
  return { ...(await createUser({ username, email, password })), password, email, isAdmin: false };
}

const as = (u: U) => ({ kind: "user" as const, userId: u.id, isAdmin: false });
const list = (viewer: Pick<U, "id" | "isAdmin">, input: Partial<AuditLogInput> & { namespace: string }) =>
  listAuditEvents(viewer, { page: 1, pageSize: 50, ...input });
const actionsOf = (items: Array<{ action: string }>) => items.map((i) => i.action);
/** The entries of `expected`'s actions, in the order the log gives them (other entries ignored). */
const only = (items: Array<{ action: string }>, expected: string[]) =>
  actionsOf(items).filter((a) => expected.includes(a));

let owner: U, member: U, outsider: U, operator: Pick<U, "id" | "isAdmin">, org: string;

beforeAll(async () => {
  [owner, member, outsider] = (await Promise.all(["lo", "lm", "lx"].map(newUser))) as [U, U, U];
  const [admin] = (await db.query("select id, is_admin from users where username = $1", [c.admin.username])).rows;
  operator = { id: admin.id, isAdmin: admin.is_admin };

  // The organization's log, in this order.
  org = uniqueName("alog");
  await createOrganization(owner.id, { name: org, displayName: "Audit Co" });
  await createRepository(as(owner), { namespace: org, name: "web", description: "", visibility: "public" });
  await setRepositoryVisibility({ ...as(owner), ip: "192.0.2.44" }, { namespace: org, name: "web" }, "private");
  await inviteMember({ org, actorId: owner.id, invitee: member.username });
  const [invitation] = await listPendingInvitationsFor(member.id, member.email);
  await respondToInvitation({ invitationId: invitation!.id, userId: member.id, email: member.email, accept: true });
  const team = await createTeam({ org, actorId: owner.id, name: "developers", description: "" });
  await setTeamRepositoryPermission({
    org,
    actorId: owner.id,
    teamId: team.id,
    repository: "web",
    permission: "write",
  });

  // The owner's personal log.
  await createRepository(as(owner), { namespace: owner.username, name: "site", description: "", visibility: "public" });
  const token = await createPersonalAccessToken(
    owner.id,
    { description: "ci deploy", scope: "read_write", expiry: "30" },
    "198.51.100.4",
  );
  await deletePersonalAccessToken(owner.id, token.id, "198.51.100.4");
  await expect(
    issueRegistryToken({
      service: getEnv().REGISTRY_SERVICE,
      scopes: [],
      credentials: { kind: "basic", username: owner.username, password: "not-the-password" },
      ip: "203.0.113.7",
    }),
  ).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  const { secret, sealed } = startEnrollment(owner.id);
  const code = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: "SHA1" }).generate();
  await enableTwoFactor({ userId: owner.id, username: owner.username, enrollment: sealed, code, ip: "198.51.100.4" });
});

const ORG_ACTIONS = [
  "team_permission_changed",
  "member_added",
  "member_invited",
  "repository_visibility_changed",
  "repository_created",
  "organization_created",
];
const PERSONAL_ACTIONS = [
  "2fa_enabled",
  "registry_login_failed",
  "token_deleted",
  "token_created",
  "repository_created",
];

describe("an owner reads the log of each namespace", () => {
  it("the organization's log has its events, newest first, and none of the owner's personal ones", async () => {
    const { items, total } = await list(owner, { namespace: org });
    expect(only(items, ORG_ACTIONS)).toEqual(ORG_ACTIONS);
    expect(total).toBe(items.length);
    for (let i = 1; i < items.length; i++)
      expect(items[i - 1]!.createdAt.getTime()).toBeGreaterThanOrEqual(items[i]!.createdAt.getTime());
    expect(actionsOf(items)).not.toContain("token_created");
    expect(actionsOf(items)).not.toContain("registry_login_failed");

    const sentences = items.map((e) => describeAuditEvent(e, { namespace: org }));
    expect(sentences).toContain(`${owner.username} made ${org}/web private`);
    // Repository actions carry the address the request came from, like account events.
    expect(items.find((e) => e.action === "repository_visibility_changed")!.ipAddress).toBe("192.0.2.44");
    expect(sentences).toContain(`${owner.username} created repository ${org}/web (public)`);
    expect(sentences).toContain(`${owner.username} invited ${member.username} to join ${org}`);
    expect(sentences).toContain(`${member.username} accepted the invitation and joined ${org}`);
    expect(sentences).toContain(`${owner.username} gave team developers Read & Write on ${org}/web`);
    expect(sentences).toContain(`${owner.username} created the organization ${org}`);
  });

  it("the personal log has the account's security events, with the address they came from", async () => {
    const { items } = await list(owner, { namespace: owner.username });
    expect(only(items, PERSONAL_ACTIONS)).toEqual(PERSONAL_ACTIONS);
    expect(actionsOf(items)).not.toContain("organization_created");
    const failed = items.find((e) => e.action === "registry_login_failed")!;
    expect(failed.ipAddress).toBe("203.0.113.7");
    expect(describeAuditEvent(failed)).toBe(`Failed registry login: password refused for "${owner.username}"`);
    const created = items.find((e) => e.action === "token_created")!;
    expect(created.ipAddress).toBe("198.51.100.4");
    expect(describeAuditEvent(created)).toBe(
      `${owner.username} created personal access token "ci deploy" (Read & Write)`,
    );
    expect(describeAuditEvent(items.find((e) => e.action === "2fa_enabled")!)).toBe(
      `${owner.username} enabled two-factor authentication`,
    );
  });

  it("a failed login through the token endpoint over HTTP lands in the account's log", async () => {
    const url = new URL("/api/registry/token", c.url);
    url.searchParams.set("service", "registry-console");
    const res = await fetch(url, {
      headers: { Authorization: `Basic ${Buffer.from(`${member.username}:wrong-password`).toString("base64")}` },
    });
    expect(res.status).toBe(401);
    const { items } = await list(member, { namespace: member.username, action: "registry_login_failed" });
    expect(items).toHaveLength(1);
    expect(describeAuditEvent(items[0]!)).toBe(`Failed registry login: password refused for "${member.username}"`);
  });
});

describe("filters and pages", () => {
  it("filters by action, by actor and by text in the target", async () => {
    const byAction = await list(owner, { namespace: org, action: "repository_visibility_changed" });
    expect(byAction.total).toBe(1);
    expect(byAction.items[0]).toMatchObject({
      action: "repository_visibility_changed",
      target: `${org}/web`,
      actorName: owner.username,
      metadata: { from: "public", to: "private" },
    });

    const byActor = await list(owner, { namespace: org, actor: member.username });
    expect(actionsOf(byActor.items)).toContain("member_added");
    expect(byActor.items.every((e) => e.actorName === member.username)).toBe(true);
    // Usernames are matched exactly (case does not matter, a prefix does not match).
    expect((await list(owner, { namespace: org, actor: member.username.toUpperCase() })).total).toBe(byActor.total);
    expect((await list(owner, { namespace: org, actor: member.username.slice(0, -1) })).total).toBe(0);

    const byTarget = await list(owner, { namespace: org, q: "/WEB" });
    expect(only(byTarget.items, ORG_ACTIONS)).toEqual([
      "team_permission_changed",
      "repository_visibility_changed",
      "repository_created",
    ]);
    const combined = await list(owner, {
      namespace: org,
      q: "web",
      actor: owner.username,
      action: "repository_created",
    });
    expect(actionsOf(combined.items)).toEqual(["repository_created"]);
  });

  it("takes LIKE wildcards in the search literally", async () => {
    expect((await list(owner, { namespace: org, q: "%" })).total).toBe(0);
    expect((await list(owner, { namespace: org, q: "_" })).total).toBe(0);
    expect((await list(owner, { namespace: org, q: "\\" })).total).toBe(0);
  });

  it("pages through the log without gaps or repeats", async () => {
    const all = await list(owner, { namespace: org });
    expect(all.total).toBeGreaterThanOrEqual(6);
    const pages = await Promise.all([1, 2, 3].map((page) => list(owner, { namespace: org, page, pageSize: 2 })));
    for (const p of pages) expect(p.total).toBe(all.total);
    expect(pages.flatMap((p) => p.items.map((i) => i.id))).toEqual(all.items.slice(0, 6).map((i) => i.id));
    const past = await list(owner, { namespace: org, page: 100, pageSize: 2 });
    expect(past.items).toEqual([]);
    expect(past.total).toBe(all.total);
  });

  it("refuses an unknown action as a validation error, not a crash", async () => {
    await expect(list(owner, { namespace: org, action: "drop_tables" })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      fieldErrors: { action: ["Unknown action"] },
    });
    // An empty filter from the GET form means no filter.
    expect((await list(owner, { namespace: org, action: "", actor: " ", q: "" })).total).toBe(
      (await list(owner, { namespace: org })).total,
    );
  });
});

describe("who may read a log", () => {
  it("a plain member of the organization is refused; an outsider is told it does not exist", async () => {
    await expect(list(member, { namespace: org })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(list(outsider, { namespace: org })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(list(outsider, { namespace: uniqueName("none") })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("nobody but the owner reads a personal log, whatever they share", async () => {
    await expect(list(member, { namespace: owner.username })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(list(outsider, { namespace: owner.username })).rejects.toMatchObject({ code: "NOT_FOUND" });
    // Filters change nothing about the answer.
    await expect(list(outsider, { namespace: owner.username, action: "token_created" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("the site operator reads any namespace's log", async () => {
    expect(operator.isAdmin).toBe(true);
    expect(only((await list(operator, { namespace: org })).items, ORG_ACTIONS)).toEqual(ORG_ACTIONS);
    expect(only((await list(operator, { namespace: owner.username })).items, PERSONAL_ACTIONS)).toEqual(
      PERSONAL_ACTIONS,
    );
    // The flag on the session is what counts: the same account without it is an outsider.
    await expect(list({ id: operator.id, isAdmin: false }, { namespace: org })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});
