import { beforeAll, describe, expect, inject, it } from "vitest";
import { openApiClient, type ApiResult } from "@/tests/helpers/api";
import { apiUser, type ApiUser } from "@/tests/helpers/api-fixtures";
import { uniqueName } from "@/tests/helpers/factory";

const c = inject("console");
let api: Awaited<ReturnType<typeof openApiClient>>;
// owner creates the organizations; member joins them by invitation; stranger never belongs.
let owner: ApiUser, member: ApiUser, stranger: ApiUser;

beforeAll(async () => {
  api = await openApiClient(c.url);
  [owner, member, stranger] = await Promise.all([apiUser("aoo"), apiUser("aom"), apiUser("aox")]);
});

type Call = Promise<ApiResult>;
/** Every call is refused with this status and error code. */
async function refused(status: number, code: string, calls: Call[]) {
  for (const r of await Promise.all(calls)) {
    expect(r.status, JSON.stringify(r.body)).toBe(status);
    expect(r.body.error.code).toBe(code);
  }
}
const fields = (r: ApiResult) => Object.keys(r.body.error.details.fieldErrors).sort();
const names = (r: ApiResult, key = "name") => r.body.results.map((x: Record<string, string>) => x[key]);

async function newOrg(displayName = "") {
  const name = uniqueName("aorg");
  const r = await api.call("createOrganization", owner.tokens.read_write, {
    body: { name, display_name: displayName },
  });
  expect(r.status).toBe(201);
  return name;
}
async function join(org: string, u: ApiUser) {
  const inv = await api.call("createOrganizationInvitation", owner.tokens.read_write, {
    params: { org },
    body: { invitee: u.username },
  });
  expect(inv.status).toBe(201);
  expect((await api.call("acceptInvitation", u.tokens.read_write, { params: { id: inv.body.id } })).status).toBe(204);
}

describe("organizations over /api/v1", () => {
  it("create, read (profile for outsiders, quota for members, settings for owners), list with pages, update", async () => {
    const lost = uniqueName("aorg");
    await refused(403, "INSUFFICIENT_SCOPE", [
      api.call("createOrganization", owner.tokens.read, { body: { name: lost } }),
    ]);
    expect((await api.call("getOrganization", owner.tokens.read, { params: { org: lost } })).status).toBe(404);

    const org = await newOrg("Acme");
    const got = await api.call("getOrganization", owner.tokens.read, { params: { org } });
    expect(got.body).toEqual({
      name: org,
      display_name: "Acme",
      location: null,
      url: `${c.url}/orgs/${org}`,
      role: "owner",
      created_at: expect.any(String),
      private_repo_count: 0,
      private_repo_quota: null,
      company: null,
      website: null,
      default_visibility: "public",
    });
    const outside = await api.call("getOrganization", stranger.tokens.read, { params: { org } });
    expect(outside.body).toEqual({
      name: org,
      display_name: "Acme",
      location: null,
      url: `${c.url}/orgs/${org}`,
      role: "none",
    });

    const taken = await api.call("createOrganization", owner.tokens.read_write, { body: { name: stranger.username } });
    expect(taken.status).toBe(400);
    expect(taken.body.error.details.fieldErrors.name).toEqual(["This name is already taken"]);
    const bad = await api.call("createOrganization", owner.tokens.read_write, {
      body: { name: "No Way!", display_name: "x".repeat(101) },
    });
    expect(bad.body.error.code).toBe("VALIDATION_FAILED");
    expect(fields(bad)).toEqual(["display_name", "name"]);

    const patch = {
      display_name: "Acme Inc",
      company: "Acme",
      location: "Berlin",
      website: "https://acme.example",
      default_visibility: "private",
      private_repo_quota: 3,
    };
    await refused(403, "INSUFFICIENT_SCOPE", [
      api.call("updateOrganization", owner.tokens.read, { params: { org }, body: patch }),
    ]);
    await refused(404, "NOT_FOUND", [
      api.call("updateOrganization", stranger.tokens.read_write, { params: { org }, body: patch }),
    ]);
    expect((await api.call("getOrganization", owner.tokens.read, { params: { org } })).body).toMatchObject({
      display_name: "Acme",
      company: null,
      private_repo_quota: null,
    });
    const updated = await api.call("updateOrganization", owner.tokens.read_write, { params: { org }, body: patch });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ ...patch, name: org, role: "owner" });
    // Absent fields stay; null clears.
    const cleared = await api.call("updateOrganization", owner.tokens.read_write, {
      params: { org },
      body: { company: null, private_repo_quota: null },
    });
    expect(cleared.body).toMatchObject({
      display_name: "Acme Inc",
      company: null,
      location: "Berlin",
      private_repo_quota: null,
      default_visibility: "private",
    });
    const invalid = await api.call("updateOrganization", owner.tokens.read_write, {
      params: { org },
      body: { website: "ftp://acme", default_visibility: "secret", private_repo_quota: 1.5 },
    });
    expect(invalid.status).toBe(400);
    expect(fields(invalid)).toEqual(["default_visibility", "private_repo_quota", "website"]);
    expect(
      fields(
        await api.call("updateOrganization", owner.tokens.read_write, {
          params: { org },
          body: { private_repo_quota: 10_000_000 },
        }),
      ),
    ).toEqual(["private_repo_quota"]);
    expect((await api.call("updateOrganization", owner.tokens.read_write, { params: { org }, body: {} })).status).toBe(
      400,
    );

    await newOrg();
    await newOrg();
    const page1 = await api.call("listOrganizations", owner.tokens.read, { query: { page_size: 2 } });
    expect(page1.body).toMatchObject({ count: 3, page: 1, previous: null });
    const page2 = await api.call("listOrganizations", owner.tokens.read, {
      query: Object.fromEntries(new URL(page1.body.next).searchParams),
    });
    expect(page2.body.next).toBeNull();
    expect([...names(page1), ...names(page2)]).toContain(org);
    expect(page1.body.results[0]).toMatchObject({ role: "owner" });
    expect((await api.call("listOrganizations", stranger.tokens.read)).body).toMatchObject({ count: 0, results: [] });
  });

  it("invitations: owners invite by username or email; the invitee accepts or declines with their own token", async () => {
    const org = await newOrg();
    const decliner = await apiUser("aod");
    await refused(403, "INSUFFICIENT_SCOPE", [
      api.call("createOrganizationInvitation", owner.tokens.read, {
        params: { org },
        body: { invitee: member.username },
      }),
    ]);
    await refused(404, "NOT_FOUND", [
      api.call("createOrganizationInvitation", stranger.tokens.read_write, {
        params: { org },
        body: { invitee: stranger.username },
      }),
      api.call("listOrganizationInvitations", stranger.tokens.read, { params: { org } }),
    ]);
    expect((await api.call("listOrganizationInvitations", owner.tokens.read, { params: { org } })).body.count).toBe(0);

    const invited = await api.call("createOrganizationInvitation", owner.tokens.read_write, {
      params: { org },
      body: { invitee: member.username },
    });
    expect(invited.status).toBe(201);
    expect(invited.body).toMatchObject({
      organization: org,
      invitee_username: member.username,
      invitee_email: null,
      invited_by: owner.username,
      emailed: true,
    });
    await refused(409, "CONFLICT", [
      api.call("createOrganizationInvitation", owner.tokens.read_write, {
        params: { org },
        body: { invitee: member.username },
      }),
    ]);
    const byEmail = await api.call("createOrganizationInvitation", owner.tokens.read_write, {
      params: { org },
      body: { invitee: `${uniqueName("new")}@example.test` },
    });
    expect(byEmail.body).toMatchObject({
      invitee_username: null,
      invitee_email: expect.stringContaining("@example.test"),
    });
    for (const invitee of ["Not A Name!", uniqueName("ghost")])
      expect(
        fields(
          await api.call("createOrganizationInvitation", owner.tokens.read_write, {
            params: { org },
            body: { invitee },
          }),
        ),
      ).toEqual(["invitee"]);
    await api.call("createOrganizationInvitation", owner.tokens.read_write, {
      params: { org },
      body: { invitee: decliner.username },
    });

    const pending1 = await api.call("listOrganizationInvitations", owner.tokens.read, {
      params: { org },
      query: { page_size: 2 },
    });
    expect(pending1.body).toMatchObject({ count: 3, previous: null });
    const pending2 = await api.call("listOrganizationInvitations", owner.tokens.read, {
      params: { org },
      query: Object.fromEntries(new URL(pending1.body.next).searchParams),
    });
    expect([...pending1.body.results, ...pending2.body.results].map((i: { id: string }) => i.id)).toContain(
      invited.body.id,
    );

    const mine = await api.call("listUserInvitations", member.tokens.read);
    expect(mine.body.results).toContainEqual({
      id: invited.body.id,
      organization: org,
      created_at: invited.body.created_at,
      expires_at: invited.body.expires_at,
    });
    expect(names(await api.call("listUserInvitations", stranger.tokens.read), "organization")).not.toContain(org);

    const id = { id: invited.body.id };
    await refused(403, "INSUFFICIENT_SCOPE", [
      api.call("acceptInvitation", member.tokens.read, { params: id }),
      api.call("declineInvitation", member.tokens.read, { params: id }),
    ]);
    await refused(404, "NOT_FOUND", [
      api.call("acceptInvitation", stranger.tokens.read_write, { params: id }),
      api.call("declineInvitation", stranger.tokens.read_write, { params: id }),
    ]);
    expect(names(await api.call("listUserInvitations", member.tokens.read), "id")).toContain(invited.body.id);
    expect(fields(await api.call("acceptInvitation", member.tokens.read_write, { params: { id: "nope" } }))).toEqual([
      "id",
    ]);
    expect((await api.call("acceptInvitation", member.tokens.read_write, { params: id })).status).toBe(204);
    await refused(404, "NOT_FOUND", [api.call("acceptInvitation", member.tokens.read_write, { params: id })]);
    const asMember = await api.call("getOrganization", member.tokens.read, { params: { org } });
    expect(asMember.body).toMatchObject({ role: "member", private_repo_count: 0 });
    expect(asMember.body).not.toHaveProperty("default_visibility");
    expect(names(await api.call("listOrganizations", member.tokens.read))).toContain(org);
    // Members may not invite.
    await refused(403, "FORBIDDEN", [
      api.call("createOrganizationInvitation", member.tokens.read_write, {
        params: { org },
        body: { invitee: stranger.username },
      }),
      api.call("listOrganizationInvitations", member.tokens.read, { params: { org } }),
    ]);

    const declined = (await api.call("listUserInvitations", decliner.tokens.read)).body.results.find(
      (i: { organization: string }) => i.organization === org,
    );
    expect(
      (await api.call("declineInvitation", decliner.tokens.read_write, { params: { id: declined.id } })).status,
    ).toBe(204);
    await refused(404, "NOT_FOUND", [
      api.call("declineInvitation", decliner.tokens.read_write, { params: { id: declined.id } }),
    ]);
    expect(
      names(await api.call("listOrganizationMembers", owner.tokens.read, { params: { org } }), "username"),
    ).not.toContain(decliner.username);
    expect((await api.call("listOrganizationInvitations", owner.tokens.read, { params: { org } })).body.count).toBe(1);
  });

  it("members: listed in pages to members; owners remove, members leave, the last owner stays", async () => {
    const org = await newOrg();
    await join(org, member);
    await refused(404, "NOT_FOUND", [api.call("listOrganizationMembers", stranger.tokens.read, { params: { org } })]);
    const page1 = await api.call("listOrganizationMembers", member.tokens.read, {
      params: { org },
      query: { page_size: 1 },
    });
    expect(page1.body).toMatchObject({ count: 2, page_size: 1, previous: null });
    const page2 = await api.call("listOrganizationMembers", member.tokens.read, {
      params: { org },
      query: Object.fromEntries(new URL(page1.body.next).searchParams),
    });
    expect(page2.body.next).toBeNull();
    const all = [...page1.body.results, ...page2.body.results];
    expect(all).toContainEqual({
      username: owner.username,
      display_name: null,
      role: "owner",
      joined_at: expect.any(String),
    });
    expect(all).toContainEqual(expect.objectContaining({ username: member.username, role: "member" }));

    const p = (username: string) => ({ params: { org, username } });
    await refused(403, "INSUFFICIENT_SCOPE", [
      api.call("removeOrganizationMember", owner.tokens.read, p(member.username)),
      api.call("removeOrganizationMember", member.tokens.read, p(member.username)),
    ]);
    await refused(403, "FORBIDDEN", [
      api.call("removeOrganizationMember", member.tokens.read_write, p(owner.username)),
      api.call("updateOrganization", member.tokens.read_write, { params: { org }, body: { display_name: "pwned" } }),
    ]);
    await refused(404, "NOT_FOUND", [
      api.call("removeOrganizationMember", stranger.tokens.read_write, p(member.username)),
      api.call("removeOrganizationMember", owner.tokens.read_write, p(uniqueName("ghost"))),
    ]);
    // The last owner can neither leave nor be removed.
    await refused(409, "CONFLICT", [api.call("removeOrganizationMember", owner.tokens.read_write, p(owner.username))]);
    expect((await api.call("listOrganizationMembers", owner.tokens.read, { params: { org } })).body.count).toBe(2);
    expect((await api.call("getOrganization", owner.tokens.read, { params: { org } })).body.display_name).toBeNull();

    expect((await api.call("removeOrganizationMember", member.tokens.read_write, p(member.username))).status).toBe(204);
    await refused(404, "NOT_FOUND", [
      api.call("removeOrganizationMember", owner.tokens.read_write, p(member.username)),
      api.call("listOrganizationMembers", member.tokens.read, { params: { org } }),
    ]);
    await join(org, member);
    expect((await api.call("removeOrganizationMember", owner.tokens.read_write, p(member.username))).status).toBe(204);
    expect(
      names(await api.call("listOrganizationMembers", owner.tokens.read, { params: { org } }), "username"),
    ).toEqual([owner.username]);
  });

  it("deleting needs a Read, Write & Delete token, the typed name and the owner's password", async () => {
    const org = await newOrg();
    await join(org, member);
    expect(
      (
        await api.call("createRepository", owner.tokens.read_write, {
          params: { namespace: org },
          body: { name: "web" },
        })
      ).status,
    ).toBe(201);
    const body = { confirmation: org, password: owner.password };
    await refused(403, "INSUFFICIENT_SCOPE", [
      api.call("deleteOrganization", owner.tokens.read, { params: { org }, body }),
      api.call("deleteOrganization", owner.tokens.read_write, { params: { org }, body }),
    ]);
    await refused(404, "NOT_FOUND", [
      api.call("deleteOrganization", stranger.tokens.read_write_delete, {
        params: { org },
        body: { confirmation: org, password: stranger.password },
      }),
    ]);
    await refused(403, "FORBIDDEN", [
      api.call("deleteOrganization", member.tokens.read_write_delete, {
        params: { org },
        body: { confirmation: org, password: member.password },
      }),
    ]);
    const wrongName = await api.call("deleteOrganization", owner.tokens.read_write_delete, {
      params: { org },
      body: { ...body, confirmation: "something" },
    });
    expect(wrongName.body.error.details.fieldErrors).toEqual({ confirmation: [`Type ${org} to confirm`] });
    const wrongPassword = await api.call("deleteOrganization", owner.tokens.read_write_delete, {
      params: { org },
      body: { ...body, password: "not-my-password" },
    });
    expect(wrongPassword.body.error.details.fieldErrors).toEqual({
      password: ["Your current password is not correct"],
    });
    expect(
      fields(await api.call("deleteOrganization", owner.tokens.read_write_delete, { params: { org }, body: {} })),
    ).toEqual(["confirmation", "password"]);
    expect((await api.call("getOrganization", owner.tokens.read, { params: { org } })).body.role).toBe("owner");
    expect(
      (await api.call("getRepository", owner.tokens.read, { params: { namespace: org, name: "web" } })).status,
    ).toBe(200);

    expect(
      (await api.call("deleteOrganization", owner.tokens.read_write_delete, { params: { org }, body })).status,
    ).toBe(204);
    await refused(404, "NOT_FOUND", [
      api.call("getOrganization", owner.tokens.read, { params: { org } }),
      api.call("getRepository", owner.tokens.read, { params: { namespace: org, name: "web" } }),
      api.call("deleteOrganization", owner.tokens.read_write_delete, { params: { org }, body }),
    ]);
    expect(names(await api.call("listOrganizations", member.tokens.read))).not.toContain(org);
  });
});

describe("teams over /api/v1", () => {
  let org: string;
  const t = (team: string, extra: Record<string, string> = {}) => ({ params: { org, team, ...extra } });
  beforeAll(async () => {
    org = await newOrg();
    await join(org, member);
    expect(
      (
        await api.call("createRepository", owner.tokens.read_write, {
          params: { namespace: org },
          body: { name: "api", visibility: "private" },
        })
      ).status,
    ).toBe(201);
  });

  it("create, list in pages, read, rename; only owners change anything", async () => {
    const body = { name: "devs", description: "Developers" };
    await refused(403, "INSUFFICIENT_SCOPE", [api.call("createTeam", owner.tokens.read, { params: { org }, body })]);
    await refused(403, "FORBIDDEN", [api.call("createTeam", member.tokens.read_write, { params: { org }, body })]);
    await refused(404, "NOT_FOUND", [
      api.call("createTeam", stranger.tokens.read_write, { params: { org }, body }),
      api.call("listTeams", stranger.tokens.read, { params: { org } }),
    ]);
    expect((await api.call("listTeams", owner.tokens.read, { params: { org } })).body.count).toBe(1);

    const created = await api.call("createTeam", owner.tokens.read_write, { params: { org }, body });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      name: "devs",
      description: "Developers",
      owners_team: false,
      member_count: 0,
      created_at: expect.any(String),
      members: [],
      repositories: [],
    });
    expect(fields(await api.call("createTeam", owner.tokens.read_write, { params: { org }, body }))).toEqual(["name"]);
    expect(
      fields(
        await api.call("createTeam", owner.tokens.read_write, {
          params: { org },
          body: { name: "Bad Name", description: "x".repeat(201) },
        }),
      ),
    ).toEqual(["description", "name"]);
    await api.call("createTeam", owner.tokens.read_write, { params: { org }, body: { name: "ops" } });

    const page1 = await api.call("listTeams", member.tokens.read, { params: { org }, query: { page_size: 2 } });
    expect(page1.body.results).toEqual([
      { name: "owners", description: "Full control of the organization", owners_team: true, member_count: 1 },
      { name: "devs", description: "Developers", owners_team: false, member_count: 0 },
    ]);
    const page2 = await api.call("listTeams", member.tokens.read, {
      params: { org },
      query: Object.fromEntries(new URL(page1.body.next).searchParams),
    });
    expect(names(page2)).toEqual(["ops"]);
    expect(page2.body.next).toBeNull();

    expect((await api.call("getTeam", member.tokens.read, t("owners"))).body).toMatchObject({
      owners_team: true,
      members: [{ username: owner.username }],
    });
    await refused(404, "NOT_FOUND", [api.call("getTeam", owner.tokens.read, t("nosuch"))]);
    // Outsiders cannot tell an existing team from a missing one.
    const [hidden, missing] = await Promise.all([
      api.call("getTeam", stranger.tokens.read, t("devs")),
      api.call("getTeam", stranger.tokens.read, t("nosuch")),
    ]);
    expect([hidden.status, missing.status]).toEqual([404, 404]);
    expect(hidden.body).toEqual(missing.body);

    await refused(403, "INSUFFICIENT_SCOPE", [
      api.call("updateTeam", owner.tokens.read, { ...t("devs"), body: { name: "x1" } }),
    ]);
    await refused(403, "FORBIDDEN", [
      api.call("updateTeam", member.tokens.read_write, { ...t("devs"), body: { name: "x1" } }),
      api.call("updateTeam", owner.tokens.read_write, { ...t("owners"), body: { name: "bosses" } }),
    ]);
    await refused(404, "NOT_FOUND", [
      api.call("updateTeam", stranger.tokens.read_write, { ...t("devs"), body: { name: "x1" } }),
    ]);
    expect((await api.call("getTeam", owner.tokens.read, t("devs"))).body.description).toBe("Developers");
    expect((await api.call("updateTeam", owner.tokens.read_write, { ...t("devs"), body: {} })).status).toBe(400);
    expect(
      fields(await api.call("updateTeam", owner.tokens.read_write, { ...t("devs"), body: { name: "ops" } })),
    ).toEqual(["name"]);
    const renamed = await api.call("updateTeam", owner.tokens.read_write, {
      ...t("devs"),
      body: { name: "developers" },
    });
    expect(renamed.body).toMatchObject({ name: "developers", description: "Developers" });
    await refused(404, "NOT_FOUND", [api.call("getTeam", owner.tokens.read, t("devs"))]);
  });

  it("members and repository permissions: PUT twice is fine, a second DELETE is a 404, the owners team keeps one owner", async () => {
    await api.call("createTeam", owner.tokens.read_write, { params: { org }, body: { name: "qa" } });
    const who = t("qa", { username: member.username });
    const repo = t("qa", { repository: "api" });
    await refused(403, "INSUFFICIENT_SCOPE", [
      api.call("addTeamMember", owner.tokens.read, who),
      api.call("setTeamRepositoryPermission", owner.tokens.read, { ...repo, body: { permission: "read" } }),
    ]);
    await refused(403, "FORBIDDEN", [
      api.call("addTeamMember", member.tokens.read_write, who),
      api.call("setTeamRepositoryPermission", member.tokens.read_write, { ...repo, body: { permission: "read" } }),
    ]);
    await refused(404, "NOT_FOUND", [
      api.call("addTeamMember", stranger.tokens.read_write, who),
      api.call("setTeamRepositoryPermission", stranger.tokens.read_write, { ...repo, body: { permission: "read" } }),
      api.call("setTeamRepositoryPermission", owner.tokens.read_write, {
        ...t("qa", { repository: "nosuch" }),
        body: { permission: "read" },
      }),
    ]);
    expect((await api.call("getTeam", owner.tokens.read, t("qa"))).body).toMatchObject({
      members: [],
      repositories: [],
    });
    expect(
      fields(await api.call("addTeamMember", owner.tokens.read_write, t("qa", { username: stranger.username }))),
    ).toEqual(["username"]);
    expect(
      fields(
        await api.call("setTeamRepositoryPermission", owner.tokens.read_write, {
          ...repo,
          body: { permission: "owner" },
        }),
      ),
    ).toEqual(["permission"]);

    for (let i = 0; i < 2; i++)
      expect((await api.call("addTeamMember", owner.tokens.read_write, who)).status).toBe(204);
    expect(
      (
        await api.call("setTeamRepositoryPermission", owner.tokens.read_write, {
          ...repo,
          body: { permission: "read" },
        })
      ).status,
    ).toBe(204);
    expect(
      (
        await api.call("setTeamRepositoryPermission", owner.tokens.read_write, {
          ...repo,
          body: { permission: "admin" },
        })
      ).status,
    ).toBe(204);
    const team = await api.call("getTeam", member.tokens.read, t("qa"));
    expect(team.body).toMatchObject({
      member_count: 1,
      members: [{ username: member.username }],
      repositories: [{ name: "api", permission: "admin" }],
    });
    // The team's grant is what the member now has on the repository.
    expect(
      (await api.call("getRepository", member.tokens.read, { params: { namespace: org, name: "api" } })).body.role,
    ).toBe("admin");

    await refused(403, "INSUFFICIENT_SCOPE", [
      api.call("removeTeamMember", owner.tokens.read, who),
      api.call("removeTeamRepositoryPermission", owner.tokens.read, repo),
    ]);
    await refused(403, "FORBIDDEN", [
      api.call("removeTeamMember", member.tokens.read_write, who),
      api.call("removeTeamRepositoryPermission", member.tokens.read_write, repo),
    ]);
    await refused(404, "NOT_FOUND", [
      api.call("removeTeamMember", stranger.tokens.read_write, who),
      api.call("removeTeamRepositoryPermission", stranger.tokens.read_write, repo),
    ]);
    expect((await api.call("getTeam", owner.tokens.read, t("qa"))).body).toMatchObject({
      member_count: 1,
      repositories: [{ name: "api", permission: "admin" }],
    });

    expect((await api.call("removeTeamRepositoryPermission", owner.tokens.read_write, repo)).status).toBe(204);
    expect((await api.call("removeTeamMember", owner.tokens.read_write, who)).status).toBe(204);
    await refused(404, "NOT_FOUND", [
      api.call("removeTeamRepositoryPermission", owner.tokens.read_write, repo),
      api.call("removeTeamMember", owner.tokens.read_write, who),
    ]);
    expect((await api.call("getTeam", owner.tokens.read, t("qa"))).body).toMatchObject({
      members: [],
      repositories: [],
    });
    expect(
      (await api.call("getRepository", member.tokens.read, { params: { namespace: org, name: "api" } })).status,
    ).toBe(404);

    // The owners team: a member put on it becomes an owner; the last one cannot be taken off.
    await refused(409, "CONFLICT", [
      api.call("removeTeamMember", owner.tokens.read_write, t("owners", { username: owner.username })),
    ]);
    expect(
      (await api.call("addTeamMember", owner.tokens.read_write, t("owners", { username: member.username }))).status,
    ).toBe(204);
    expect((await api.call("getOrganization", member.tokens.read, { params: { org } })).body.role).toBe("owner");
    expect(
      (await api.call("removeTeamMember", member.tokens.read_write, t("owners", { username: member.username }))).status,
    ).toBe(204);
    expect((await api.call("getOrganization", member.tokens.read, { params: { org } })).body.role).toBe("member");
  });

  it("deleting a team: owners only, never the owners team, a second time is a 404", async () => {
    await api.call("createTeam", owner.tokens.read_write, { params: { org }, body: { name: "temp" } });
    await refused(403, "INSUFFICIENT_SCOPE", [api.call("deleteTeam", owner.tokens.read, t("temp"))]);
    await refused(403, "FORBIDDEN", [
      api.call("deleteTeam", member.tokens.read_write, t("temp")),
      api.call("deleteTeam", owner.tokens.read_write, t("owners")),
    ]);
    await refused(404, "NOT_FOUND", [api.call("deleteTeam", stranger.tokens.read_write, t("temp"))]);
    expect((await api.call("getTeam", owner.tokens.read, t("temp"))).status).toBe(200);
    expect((await api.call("deleteTeam", owner.tokens.read_write, t("temp"))).status).toBe(204);
    await refused(404, "NOT_FOUND", [
      api.call("deleteTeam", owner.tokens.read_write, t("temp")),
      api.call("getTeam", owner.tokens.read, t("temp")),
    ]);
    expect(
      names(await api.call("listTeams", owner.tokens.read, { params: { org }, query: { page_size: 100 } })),
    ).not.toContain("temp");
  });
});
