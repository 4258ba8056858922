import { beforeAll, describe, expect, inject, it } from "vitest";
import { listPendingInvitationsFor } from "@/lib/data/organizations";
import { createOrganization } from "@/lib/services/organization/create";
import { inviteMember } from "@/lib/services/organization/invite-member";
import { respondToInvitation } from "@/lib/services/organization/respond-to-invitation";
import { openApiClient } from "@/tests/helpers/api";
import { apiUser, type ApiUser } from "@/tests/helpers/api-fixtures";
import { uniqueName } from "@/tests/helpers/factory";

const c = inject("console");
let api: Awaited<ReturnType<typeof openApiClient>>;
let stranger: ApiUser;

type Token = {
  id: string;
  description: string;
  scope: string;
  status: string;
  current: boolean;
  display_prefix: string;
};

beforeAll(async () => {
  api = await openApiClient(c.url);
  stranger = await apiUser("tx");
});

// Refused tokens count as failed logins per address: each check comes from an address of its own,
// so this file's expected 401s never lock out another test.
let addressCounter = 0;
const whoami = async (secret: string) =>
  (
    await fetch(new URL("/api/v1/user", c.url), {
      headers: {
        Authorization: `Bearer ${secret}`,
        "X-Forwarded-For": `10.251.${process.pid % 256}.${(addressCounter++ % 250) + 1}`,
      },
    })
  ).status;

async function tokensOf(u: ApiUser): Promise<Token[]> {
  const r = await api.call("listTokens", u.tokens.read, { query: { page_size: 100 } });
  expect(r.status).toBe(200);
  return r.body.results;
}
const byDescription = async (u: ApiUser, description: string) =>
  (await tokensOf(u)).find((t) => t.description === description);

describe("the user and their tokens over /api/v1", () => {
  it("GET /user names the account and the calling token's scope", async () => {
    const u = await apiUser("tw");
    const me = await api.call("getCurrentUser", u.tokens.read);
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      username: u.username,
      email: u.email,
      display_name: null,
      two_factor_enabled: false,
      token: { scope: "read", expires_at: expect.any(String) },
    });
    expect((await api.call("getCurrentUser", u.tokens.read_write_delete)).body.token.scope).toBe("read_write_delete");
  });

  it("lists the user's own tokens, newest first, paged, never with a secret", async () => {
    const u = await apiUser("tl");
    const page1 = await api.call("listTokens", u.tokens.read, { query: { page_size: 2 } });
    expect(page1.body).toMatchObject({ count: 3, page: 1, page_size: 2, previous: null });
    const page2 = await api.call("listTokens", u.tokens.read, {
      query: Object.fromEntries(new URL(page1.body.next).searchParams),
    });
    expect(page2.body).toMatchObject({ count: 3, page: 2, next: null });
    const all: Token[] = [...page1.body.results, ...page2.body.results];
    expect(all.map((t) => t.scope).sort()).toEqual(["read", "read_write", "read_write_delete"]);
    // Only the token the request came with is `current`.
    expect(all.filter((t) => t.current).map((t) => t.scope)).toEqual(["read"]);
    expect(all.find((t) => t.scope === "read")).toMatchObject({
      status: "active",
      display_prefix: u.tokens.read.slice(0, 8),
    });
    const text = JSON.stringify(all);
    for (const secret of Object.values(u.tokens)) expect(text).not.toContain(secret);
    // Another user's list holds only their own tokens.
    const theirs = await tokensOf(stranger);
    expect(theirs.some((t) => all.some((mine) => mine.id === t.id))).toBe(false);
  });

  it("creates a token and shows its secret once; a token cannot create a token with a wider scope than its own", async () => {
    const u = await apiUser("tc");
    const denied = await api.call("createToken", u.tokens.read, {
      body: { description: "from read", scope: "read", expiry: "30" },
    });
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe("INSUFFICIENT_SCOPE");

    const created = await api.call("createToken", u.tokens.read_write, {
      body: { description: "ci read", scope: "read", expiry: "never" },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      description: "ci read",
      scope: "read",
      status: "active",
      expires_at: null,
      last_used_at: null,
      current: false,
    });
    expect(created.body.secret).toMatch(/^rcp_[0-9A-Za-z]{40}$/);
    expect(created.body.display_prefix).toBe(created.body.secret.slice(0, 8));
    const me = await api.call("getCurrentUser", created.body.secret);
    expect(me.body).toMatchObject({ username: u.username, token: { scope: "read", expires_at: null } });
    expect(
      (
        await api.call("createToken", u.tokens.read_write, {
          body: { description: "ci rw", scope: "read_write", expiry: "60" },
        })
      ).status,
    ).toBe(201);

    // Escalation: Read & Write may not mint Read, Write & Delete, and nothing is created.
    const escalated = await api.call("createToken", u.tokens.read_write, {
      body: { description: "escalated", scope: "read_write_delete", expiry: "30" },
    });
    expect(escalated.status).toBe(403);
    expect(escalated.body.error).toMatchObject({
      code: "INSUFFICIENT_SCOPE",
      details: { required: "read_write_delete", token: "read_write" },
    });
    expect(escalated.body.error.message).toMatch(/Read & Write; it cannot create a Read, Write & Delete token/);
    const fromRead = await api.call("createToken", created.body.secret, {
      body: { description: "escalated", scope: "read", expiry: "30" },
    });
    expect(fromRead.status).toBe(403);
    const rwd = await api.call("createToken", u.tokens.read_write_delete, {
      body: { description: "ci rwd", scope: "read_write_delete", expiry: "90" },
    });
    expect(rwd.status).toBe(201);
    expect(new Date(rwd.body.expires_at).getTime()).toBeGreaterThan(Date.now() + 89 * 24 * 3600 * 1000);

    const descriptions = (await tokensOf(u)).map((t) => t.description);
    expect(descriptions).toHaveLength(6);
    expect(descriptions).toEqual(expect.arrayContaining(["ci read", "ci rw", "ci rwd"]));
    expect(descriptions).not.toContain("escalated");
    expect(descriptions).not.toContain("from read");

    const bad = await api.call("createToken", u.tokens.read_write, {
      body: { description: " ", scope: "admin", expiry: "7" },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("VALIDATION_FAILED");
    expect(Object.keys(bad.body.error.details.fieldErrors).sort()).toEqual(["description", "expiry", "scope"]);
  });

  it("deactivates and activates tokens; re-activating a wider token is refused like creating one; another user's token is a 404", async () => {
    const u = await apiUser("tu");
    const read = (await byDescription(u, "api read"))!;
    const wide = (await byDescription(u, "api read_write_delete"))!;
    const spare = await api.call("createToken", u.tokens.read_write_delete, {
      body: { description: "spare", scope: "read_write_delete", expiry: "30" },
    });

    const denied = await api.call("updateToken", u.tokens.read, { params: { id: read.id }, body: { active: false } });
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe("INSUFFICIENT_SCOPE");
    expect((await byDescription(u, "api read"))!.status).toBe("active");

    const off = await api.call("updateToken", u.tokens.read_write, {
      params: { id: read.id },
      body: { active: false },
    });
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ id: read.id, status: "inactive", current: false });
    expect(await whoami(u.tokens.read)).toBe(401);
    const on = await api.call("updateToken", u.tokens.read_write, { params: { id: read.id }, body: { active: true } });
    expect(on.body.status).toBe("active");
    expect(await whoami(u.tokens.read)).toBe(200);

    // Switching a wider token off is fine; switching it back on from a narrower one is not.
    expect(
      (await api.call("updateToken", u.tokens.read_write, { params: { id: wide.id }, body: { active: false } })).body
        .status,
    ).toBe("inactive");
    const escalated = await api.call("updateToken", u.tokens.read_write, {
      params: { id: wide.id },
      body: { active: true },
    });
    expect(escalated.status).toBe(403);
    expect(escalated.body.error).toMatchObject({
      code: "INSUFFICIENT_SCOPE",
      details: { required: "read_write_delete", token: "read_write" },
    });
    expect((await byDescription(u, "api read_write_delete"))!.status).toBe("inactive");
    expect(await whoami(u.tokens.read_write_delete)).toBe(401);
    expect(
      (await api.call("updateToken", spare.body.secret, { params: { id: wide.id }, body: { active: true } })).body
        .status,
    ).toBe("active");

    const foreign = await api.call("updateToken", stranger.tokens.read_write_delete, {
      params: { id: read.id },
      body: { active: false },
    });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe("NOT_FOUND");
    expect((await byDescription(u, "api read"))!.status).toBe("active");

    const bad = await api.call("updateToken", u.tokens.read_write, {
      params: { id: "not-a-token" },
      body: { active: "yes" },
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.details.fieldErrors)).toEqual(["id"]);
    const badBody = await api.call("updateToken", u.tokens.read_write, {
      params: { id: read.id },
      body: { active: "yes" },
    });
    expect(Object.keys(badBody.body.error.details.fieldErrors)).toEqual(["active"]);

    // A token may switch itself off (a pipeline retiring its own credential).
    const self = (await byDescription(u, "api read_write"))!;
    const selfOff = await api.call("updateToken", u.tokens.read_write, {
      params: { id: self.id },
      body: { active: false },
    });
    expect(selfOff.body).toMatchObject({ status: "inactive", current: true });
    expect(await whoami(u.tokens.read_write)).toBe(401);
  });

  it("deletes a token (write scope); another user's token is a 404 and stays; a second delete is a 404", async () => {
    const u = await apiUser("td");
    const created = await api.call("createToken", u.tokens.read_write, {
      body: { description: "short-lived", scope: "read", expiry: "30" },
    });
    const id = created.body.id;
    const denied = await api.call("deleteToken", u.tokens.read, { params: { id } });
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe("INSUFFICIENT_SCOPE");
    const foreign = await api.call("deleteToken", stranger.tokens.read_write_delete, { params: { id } });
    expect(foreign.status).toBe(404);
    expect(await byDescription(u, "short-lived")).toBeDefined();
    expect(await whoami(created.body.secret)).toBe(200);

    const deleted = await api.call("deleteToken", u.tokens.read_write, { params: { id } });
    expect(deleted.status).toBe(204);
    expect(await byDescription(u, "short-lived")).toBeUndefined();
    expect(await whoami(created.body.secret)).toBe(401);
    const twice = await api.call("deleteToken", u.tokens.read_write, { params: { id } });
    expect(twice.status).toBe(404);
    expect(twice.body.error.code).toBe("NOT_FOUND");
  });
});

describe("the audit log over /api/v1", () => {
  it("filters by action, actor and text, pages newest first, and describes each entry", async () => {
    const u = await apiUser("ta");
    for (const n of [1, 2, 3])
      await api.call("createToken", u.tokens.read_write, {
        body: { description: `deploy-${n}`, scope: "read", expiry: "30" },
      });
    const doomed = await byDescription(u, "deploy-2");
    await api.call("deleteToken", u.tokens.read_write, { params: { id: doomed!.id } });
    await api.call("createRepository", u.tokens.read_write, {
      params: { namespace: u.username },
      body: { name: "builds", visibility: "private" },
    });
    const log = (query: Record<string, string | number>) =>
      api.call("listAuditLog", u.tokens.read, { params: { namespace: u.username }, query });

    const all = await log({ page_size: 100 });
    expect(all.status).toBe(200);
    // apiUser's three tokens, three more, one deletion, one repository.
    expect(all.body.count).toBe(8);
    expect(all.body.results[0]).toMatchObject({
      action: "repository_created",
      actor: u.username,
      target: `${u.username}/builds`,
      description: `${u.username} created repository ${u.username}/builds (private)`,
    });
    expect(all.body.results[1]).toMatchObject({
      action: "token_deleted",
      target: "deploy-2",
      description: `${u.username} deleted personal access token "deploy-2"`,
    });
    expect(all.body.results[2]).toMatchObject({
      action: "token_created",
      target: "deploy-3",
      metadata: { scope: "read" },
    });

    const created = await log({ action: "token_created", page_size: 4 });
    expect(created.body).toMatchObject({ count: 6, page: 1, previous: null });
    expect(created.body.results.map((e: { target: string }) => e.target).slice(0, 3)).toEqual([
      "deploy-3",
      "deploy-2",
      "deploy-1",
    ]);
    const next = await log(Object.fromEntries(new URL(created.body.next).searchParams));
    expect(next.body).toMatchObject({ count: 6, page: 2, next: null });
    expect(next.body.previous).toContain("page=1");
    expect(next.body.results).toHaveLength(2);
    expect(new Set([...created.body.results, ...next.body.results].map((e: { id: string }) => e.id)).size).toBe(6);

    expect((await log({ q: "DEPLOY" })).body.count).toBe(4);
    expect((await log({ q: "deploy", action: "token_created" })).body.count).toBe(3);
    expect((await log({ actor: u.username.toUpperCase() })).body.count).toBe(8);
    expect((await log({ actor: stranger.username })).body.count).toBe(0);

    const unknown = await log({ action: "coffee_made" });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe("VALIDATION_FAILED");
    expect(Object.keys(unknown.body.error.details.fieldErrors)).toEqual(["action"]);
    expect(Object.keys((await log({ page_size: 101 })).body.error.details.fieldErrors)).toEqual(["page_size"]);
  });

  it("personal logs are their owner's; an organization's, its owners' (a member is refused, anyone else told it does not exist)", async () => {
    const [owner, member] = await Promise.all([apiUser("to"), apiUser("tm")]);
    const org = uniqueName("talog");
    await createOrganization(owner.id, { name: org, displayName: "Audit API" });
    await inviteMember({ org, actorId: owner.id, invitee: member.username });
    const [invitation] = await listPendingInvitationsFor(member.id, member.email);
    await respondToInvitation({ invitationId: invitation!.id, userId: member.id, email: member.email, accept: true });

    const read = (token: string, namespace: string) =>
      api.call("listAuditLog", token, { params: { namespace }, query: { page_size: 100 } });
    const orgLog = await read(owner.tokens.read, org);
    expect(orgLog.status).toBe(200);
    expect(orgLog.body.results.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(["organization_created", "member_invited", "member_added"]),
    );

    const asMember = await read(member.tokens.read_write_delete, org);
    expect(asMember.status).toBe(403);
    expect(asMember.body.error.code).toBe("FORBIDDEN");
    const asStranger = await read(stranger.tokens.read_write_delete, org);
    const missing = await read(stranger.tokens.read_write_delete, uniqueName("nons"));
    expect([asStranger.status, missing.status]).toEqual([404, 404]);
    expect(asStranger.body).toEqual(missing.body);
    expect((await read(stranger.tokens.read, owner.username)).status).toBe(404);
    expect((await read(member.tokens.read, member.username)).status).toBe(200);
    expect((await api.call("listAuditLog", owner.tokens.read, { params: { namespace: "Not A Name!" } })).status).toBe(
      400,
    );
  });
});
