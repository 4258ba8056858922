import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { listPendingInvitationsFor } from "@/lib/data/organizations";
import { RegistryClient } from "@/lib/registry/client";
import { mintRegistryToken } from "@/lib/registry/token-signer";
import { createOrganization } from "@/lib/services/organization/create";
import { deleteOrganization } from "@/lib/services/organization/delete";
import { inviteMember } from "@/lib/services/organization/invite-member";
import { removeOrgMember } from "@/lib/services/organization/remove-member";
import { resendInvitation } from "@/lib/services/organization/resend-invitation";
import { respondToInvitation } from "@/lib/services/organization/respond-to-invitation";
import { revokeInvitation } from "@/lib/services/organization/revoke-invitation";
import { updateOrgSettings } from "@/lib/services/organization/update-settings";
import { setRepositoryVisibility } from "@/lib/services/repository/set-visibility";
import { addTeamMember } from "@/lib/services/team/add-member";
import { createTeam } from "@/lib/services/team/create";
import { deleteTeam } from "@/lib/services/team/delete";
import { removeTeamMember } from "@/lib/services/team/remove-member";
import { setTeamRepositoryPermission } from "@/lib/services/team/set-repository-permission";
import { createUser } from "@/lib/services/user/create";
import { readMails, waitForMail } from "@/tests/harness/smtp-sink";
import { joinOrganization, newUser, type TestUser } from "@/tests/helpers/accounts";
import { uniqueName } from "@/tests/helpers/factory";
import { buildImage, buildMultiPlatformImage, pushImage, skopeoRun } from "@/tests/helpers/oci-image";

const c = inject("console");
const db = new pg.Pool({ connectionString: c.databaseUrl, max: 2 });
afterAll(() => db.end());

type U = TestUser;

const creds = (u: U) => `${u.username}:${u.password}`;
const pull = (repo: string, u: U) =>
  skopeoRun(["inspect", "--raw", "--tls-verify=false", "--creds", creds(u), `docker://${c.registryHost}/${repo}:1`]);
const push = async (repo: string, u: U, tag = "1") => {
  const image = await buildImage({ layers: [{ files: { "f.txt": `${repo}:${tag}:${u.username}` } }] });
  return skopeoRun([
    "copy",
    "--dest-tls-verify=false",
    "--dest-creds",
    creds(u),
    `oci:${image.dir}:${image.ref}`,
    `docker://${c.registryHost}/${repo}:${tag}`,
  ]);
};
const del = (repo: string, u: U, tag = "1") =>
  skopeoRun(["delete", "--tls-verify=false", "--creds", creds(u), `docker://${c.registryHost}/${repo}:${tag}`]);

let owner: U, reader: U, writer: U, admin: U, outsider: U, org: string, repo: string;

beforeAll(async () => {
  [owner, reader, writer, admin, outsider] = (await Promise.all(["oo", "or", "ow", "oa", "ox"].map(newUser))) as [
    U,
    U,
    U,
    U,
    U,
  ];
  org = uniqueName("org");
  await createOrganization(owner.id, { name: org, displayName: "Acme" });
  await updateOrgSettings({
    org,
    actorId: owner.id,
    displayName: "Acme",
    company: "",
    location: "",
    website: "",
    defaultVisibility: "private",
    privateRepoQuota: "",
  });
  for (const u of [reader, writer, admin]) await joinOrganization(org, owner, u);
  repo = `${org}/api`;
  const image = await buildImage({ layers: [{ files: { "api.txt": "v1" } }] });
  await pushImage(image, {
    registry: c.registryHost,
    repository: repo,
    tag: "1",
    username: owner.username,
    password: owner.password,
  });
  for (const [name, u, permission] of [
    ["readers", reader, "read"],
    ["writers", writer, "write"],
    ["admins", admin, "admin"],
  ] as const) {
    const team = await createTeam({ org, actorId: owner.id, name, description: "" });
    await addTeamMember({ org, actorId: owner.id, teamId: team.id, username: u.username });
    await setTeamRepositoryPermission({ org, actorId: owner.id, teamId: team.id, repository: "api", permission });
  }
});

describe("organization roles at the registry (skopeo)", () => {
  it("Read-only pulls but cannot push; Read & Write pushes but cannot delete; Admin deletes; outsiders see nothing", async () => {
    expect((await pull(repo, reader)).code).toBe(0);
    const readerPush = await push(repo, reader, "r");
    expect(readerPush.code).not.toBe(0);
    expect(readerPush.stderr).toMatch(/denied|unauthorized/i);
    expect((await push(repo, writer, "w")).code).toBe(0);
    expect((await del(repo, writer, "w")).code).not.toBe(0);
    expect((await del(repo, admin, "w")).code).toBe(0);
    expect((await pull(repo, outsider)).code).not.toBe(0);
    // Members without a team grant get nothing on a private repository either.
    const bare = await newUser("ob");
    await joinOrganization(org, owner, bare);
    expect((await pull(repo, bare)).code).not.toBe(0);
  });

  it("a removed member loses access on the next token", async () => {
    const temp = await newUser("ot");
    await joinOrganization(org, owner, temp);
    const team = await createTeam({ org, actorId: owner.id, name: uniqueName("tmp").slice(0, 20), description: "" });
    await addTeamMember({ org, actorId: owner.id, teamId: team.id, username: temp.username });
    await setTeamRepositoryPermission({
      org,
      actorId: owner.id,
      teamId: team.id,
      repository: "api",
      permission: "read",
    });
    expect((await pull(repo, temp)).code).toBe(0);
    await removeOrgMember({ org, actorId: owner.id, userId: temp.id });
    expect((await pull(repo, temp)).code).not.toBe(0);
  });

  it("refuses a new private repository past the quota, with the reason", async () => {
    await updateOrgSettings({
      org,
      actorId: owner.id,
      displayName: "Acme",
      company: "",
      location: "",
      website: "",
      defaultVisibility: "private",
      privateRepoQuota: "2",
    });
    expect((await push(`${org}/second`, owner)).code).toBe(0);
    const third = await push(`${org}/third`, owner);
    expect(third.code).not.toBe(0);
    const url = new URL("/api/registry/token", c.url);
    url.searchParams.set("service", "registry-console");
    url.searchParams.set("scope", `repository:${org}/third:pull,push`);
    const res = await fetch(url, {
      headers: { Authorization: `Basic ${Buffer.from(creds(owner)).toString("base64")}` },
    });
    expect(res.status).toBe(403);
    expect((await res.json()).errors[0].message).toContain("has used all 2 of its private repositories");
    // Making one public frees a slot.
    await setRepositoryVisibility(
      { kind: "user", userId: owner.id, isAdmin: false },
      { namespace: org, name: "second" },
      "public",
    );
    expect((await push(`${org}/third`, owner)).code).toBe(0);
  });
});

describe("organization membership rules", () => {
  it("the last owner can neither leave nor be removed; only owners manage; names are shared with users", async () => {
    await expect(removeOrgMember({ org, actorId: owner.id, userId: owner.id })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await expect(removeOrgMember({ org, actorId: writer.id, userId: reader.id })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(removeOrgMember({ org, actorId: outsider.id, userId: reader.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(createTeam({ org, actorId: writer.id, name: "sneaky", description: "" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(createOrganization(outsider.id, { name: owner.username, displayName: "" })).rejects.toMatchObject({
      fieldErrors: { name: ["This name is already taken"] },
    });
    await expect(
      createUser({ username: org, email: `${uniqueName("z")}@example.test`, password: "pw-long-enough-7" }),
    ).rejects.toMatchObject({ fieldErrors: { username: ["This name is already taken"] } });
    const ownersTeam = (
      await db.query(
        "select id from teams where organization_id = (select id from namespaces where name = $1) and is_owners",
        [org],
      )
    ).rows[0].id;
    await expect(deleteTeam({ org, actorId: owner.id, teamId: ownersTeam })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    // The owners team holds everything already: a grant to it is refused, not stored.
    await expect(
      setTeamRepositoryPermission({
        org,
        actorId: owner.id,
        teamId: ownersTeam,
        repository: "api",
        permission: "read",
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(
      (await db.query("select count(*)::int as n from team_repository_permissions where team_id = $1", [ownersTeam]))
        .rows[0].n,
    ).toBe(0);
    await expect(
      removeTeamMember({ org, actorId: owner.id, teamId: ownersTeam, userId: owner.id }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("invites by email: the mail arrives, the invitee signs up with that address and accepts; a declined invitation adds nothing", async () => {
    const email = `${uniqueName("inv")}@example.test`;
    await inviteMember({ org, actorId: owner.id, invitee: email });
    const mail = await waitForMail(c.mailDir, (m) => m.to.includes(email));
    expect(mail.subject).toBe(`You are invited to join ${org} on Dockyard`);
    const username = uniqueName("ni");
    const invitee = await createUser({ username, email, password: "pw-long-enough-8" });
    const [inv] = await listPendingInvitationsFor(invitee.id, email);
    expect(inv?.organization).toBe(org);
    await expect(
      respondToInvitation({ invitationId: inv!.id, userId: outsider.id, email: outsider.email, accept: true }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await respondToInvitation({ invitationId: inv!.id, userId: invitee.id, email, accept: true });
    expect((await db.query("select 1 from organization_members where user_id = $1", [invitee.id])).rowCount).toBe(1);

    const decliner = await newUser("od");
    await inviteMember({ org, actorId: owner.id, invitee: decliner.username });
    const [inv2] = await listPendingInvitationsFor(decliner.id, decliner.email);
    await respondToInvitation({ invitationId: inv2!.id, userId: decliner.id, email: decliner.email, accept: false });
    expect((await db.query("select 1 from organization_members where user_id = $1", [decliner.id])).rowCount).toBe(0);
    await expect(inviteMember({ org, actorId: owner.id, invitee: reader.username })).rejects.toMatchObject({
      fieldErrors: { invitee: [`${reader.username} is already a member`] },
    });
  });
});

describe("pending invitations: revoke and resend", () => {
  const expiresAt = async (id: string) =>
    (
      await db.query<{ e: Date; s: string }>(
        "select expires_at e, status s from organization_invitations where id = $1",
        [id],
      )
    ).rows[0]!;
  const audit = async (action: string, target: string) =>
    (
      await db.query(
        "select 1 from audit_events where action = $1 and target = $2 and actor_id = $3 and namespace_id = (select id from namespaces where name = $4)",
        [action, target, owner.id, org],
      )
    ).rowCount;

  it("owners resend (the same mail again, 14 more days) and revoke; members and outsiders cannot", async () => {
    const email = `${uniqueName("rs")}@example.test`;
    const { id } = await inviteMember({ org, actorId: owner.id, invitee: email });
    await waitForMail(c.mailDir, (m) => m.to.includes(email));
    // Pretend it was sent 10 days ago, so the resend's new expiry is visibly later.
    await db.query("update organization_invitations set expires_at = now() + interval '4 days' where id = $1", [id]);
    const before = await expiresAt(id);

    for (const u of [reader, admin])
      for (const call of [resendInvitation, revokeInvitation])
        await expect(call({ org, actorId: u.id, invitationId: id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    for (const call of [resendInvitation, revokeInvitation])
      await expect(call({ org, actorId: outsider.id, invitationId: id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await expiresAt(id)).toEqual(before);

    const resent = await resendInvitation({ org, actorId: owner.id, invitationId: id });
    expect(resent).toMatchObject({ invitee: email, emailed: true });
    const after = await expiresAt(id);
    expect(after.e.getTime() - Date.now()).toBeGreaterThan(13.9 * 86_400_000);
    await expect.poll(async () => (await readMails(c.mailDir)).filter((m) => m.to.includes(email)).length).toBe(2);
    const [again, first] = (await readMails(c.mailDir)).filter((m) => m.to.includes(email));
    expect([again!.subject, again!.text]).toEqual([first!.subject, first!.text]);
    expect(await audit("invitation_resent", email)).toBe(1);

    await revokeInvitation({ org, actorId: owner.id, invitationId: id });
    expect((await expiresAt(id)).s).toBe("revoked");
    expect(await audit("invitation_revoked", email)).toBe(1);
    // Gone for good: a second revoke or a resend is a NotFound, and nothing more is logged.
    await expect(revokeInvitation({ org, actorId: owner.id, invitationId: id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(resendInvitation({ org, actorId: owner.id, invitationId: id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await audit("invitation_revoked", email)).toBe(1);
  });

  it("a revoked invitation can no longer be accepted; another organization's owner cannot touch it", async () => {
    const invitee = await newUser("rv");
    const { id } = await inviteMember({ org, actorId: owner.id, invitee: invitee.username });
    const otherOrg = uniqueName("org");
    await createOrganization(outsider.id, { name: otherOrg, displayName: "" });
    await expect(revokeInvitation({ org: otherOrg, actorId: outsider.id, invitationId: id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await revokeInvitation({ org, actorId: owner.id, invitationId: id });
    expect(await listPendingInvitationsFor(invitee.id, invitee.email)).toEqual([]);
    await expect(
      respondToInvitation({ invitationId: id, userId: invitee.id, email: invitee.email, accept: true }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("deleting an organization", () => {
  it("needs the typed name and password, removes every manifest from the registry, and frees the name", async () => {
    const boss = await newUser("db");
    const doomed = uniqueName("gone");
    await createOrganization(boss.id, { name: doomed, displayName: "" });
    const single = await buildImage({ layers: [{ files: { "s.txt": doomed } }] });
    await pushImage(single, {
      registry: c.registryHost,
      repository: `${doomed}/web`,
      tag: "1",
      username: boss.username,
      password: boss.password,
    });
    await pushImage(single, {
      registry: c.registryHost,
      repository: `${doomed}/web`,
      tag: "latest",
      username: boss.username,
      password: boss.password,
    });
    const multi = await buildMultiPlatformImage({
      platforms: [
        { os: "linux", architecture: "amd64" },
        { os: "linux", architecture: "arm64" },
      ],
    });
    await pushImage(multi, {
      registry: c.registryHost,
      repository: `${doomed}/multi`,
      tag: "1",
      username: boss.username,
      password: boss.password,
      all: true,
    });

    await expect(
      deleteOrganization({ org: doomed, actorId: boss.id, confirmation: "nope", currentPassword: boss.password }),
    ).rejects.toMatchObject({ fieldErrors: { confirmation: [`Type ${doomed} to confirm`] } });
    await expect(
      deleteOrganization({ org: doomed, actorId: boss.id, confirmation: doomed, currentPassword: "wrong" }),
    ).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    await expect(
      deleteOrganization({
        org: doomed,
        actorId: outsider.id,
        confirmation: doomed,
        currentPassword: outsider.password,
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await deleteOrganization({ org: doomed, actorId: boss.id, confirmation: doomed, currentPassword: boss.password });

    // Asked with a console token (no permission check can hide anything), no manifest is served any more.
    const client = new RegistryClient({
      baseUrl: c.registryUrl,
      timeoutMs: 5000,
      authorize: (access) => mintRegistryToken("_console", access, 60).token,
    });
    const refs: Array<[string, string]> = [
      ["web", single.manifestDigest],
      ["multi", multi.indexDigest],
      ...multi.images.map((i): [string, string] => ["multi", i.manifestDigest]),
    ];
    for (const [name, digest] of refs)
      await expect(client.getManifest(`${doomed}/${name}`, digest), `${name}@${digest}`).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
    expect(await client.allTags(`${doomed}/web`).catch(() => [])).toEqual([]);
    expect((await db.query("select 1 from namespaces where name = $1", [doomed])).rowCount).toBe(0);
    expect(
      (
        await db.query("select 1 from repositories r where r.name in ('web','multi') and r.created_by_id = $1", [
          boss.id,
        ])
      ).rowCount,
    ).toBe(0);
    // The name can be taken again.
    await createOrganization(boss.id, { name: doomed, displayName: "" });
  });
});
