import { beforeAll, describe, expect, it } from "vitest";
import { accessChangesSeen, cachedAccess } from "@/lib/data/access-cache";
import { createOrganization } from "@/lib/services/organization/create";
import { removeOrgMember } from "@/lib/services/organization/remove-member";
import { updateOrgSettings } from "@/lib/services/organization/update-settings";
import { createPersonalAccessToken } from "@/lib/services/personal-access-token/create";
import { setPersonalAccessTokenActive } from "@/lib/services/personal-access-token/set-active";
import { createRepository } from "@/lib/services/repository/create";
import { createImmutableTagRule } from "@/lib/services/immutable-tag-rule/create";
import { deleteImmutableTagRule } from "@/lib/services/immutable-tag-rule/delete";
import { setRepositoryVisibility } from "@/lib/services/repository/set-visibility";
import { addTeamMember } from "@/lib/services/team/add-member";
import { createTeam } from "@/lib/services/team/create";
import { setTeamRepositoryPermission } from "@/lib/services/team/set-repository-permission";
import { deactivateAccount } from "@/lib/services/user/deactivate";
import { setDefaultVisibility } from "@/lib/services/user/set-default-visibility";
import { joinOrganization, newUser, type TestUser } from "@/tests/helpers/accounts";
import { uniqueName } from "@/tests/helpers/factory";

/**
 * Each service that writes a table the `access_changed` triggers watch (migration 0013) empties
 * this process's access cache itself once its write is committed (lib/data/access-cache.ts,
 * `accessChanged`), without waiting for the database's notification. The services run in this
 * test process, so the cache observed here is the one they empty; `accessChangesSeen` counts only
 * those emptyings (a notification empties the cache too, but is not counted), and it must have
 * moved by the time the service returns.
 */
let loads = 0;
const probe = () =>
  cachedAccess("test:access-writes-probe", async () => {
    loads += 1;
    return loads;
  });

/** Caches the probe (waiting until the cache is on: it listens from the first lookup). */
async function warm(): Promise<void> {
  for (let i = 0; i < 100; i++) {
    await probe();
    const before = loads;
    await probe();
    if (loads === before) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error("the access cache never came on");
}

/** Runs `change` with the probe cached; true if this process's own write emptied the cache right after. */
async function forgetsAtOnce(change: () => Promise<unknown>): Promise<boolean> {
  await warm();
  const seen = accessChangesSeen();
  await change();
  const forgot = accessChangesSeen() > seen;
  const before = loads;
  await probe();
  if (forgot) expect(loads).toBe(before + 1);
  return forgot;
}

type Org = { name: string; owner: TestUser; member: TestUser; teamId: string };
async function newOrg(): Promise<Org> {
  const owner = await newUser("awo");
  const member = await newUser("awm");
  const { name } = await createOrganization(owner.id, { name: uniqueName("awg"), displayName: "" });
  await joinOrganization(name, owner, member);
  const { id: teamId } = await createTeam({ org: name, actorId: owner.id, name: "devs", description: "" });
  await createRepository(
    { kind: "user", userId: owner.id, isAdmin: false },
    { namespace: name, name: "app", description: "", visibility: "public" },
  );
  return { name, owner, member, teamId };
}

const settings = (org: string, over: { defaultVisibility?: "public" | "private"; privateRepoQuota?: string } = {}) => ({
  org,
  displayName: "",
  company: "",
  location: "",
  website: "",
  defaultVisibility: over.defaultVisibility ?? "public",
  privateRepoQuota: over.privateRepoQuota ?? "",
});

describe("services empty this process's access cache after their commit", () => {
  let org: Org;
  beforeAll(async () => {
    org = await newOrg();
  });

  it("personal_access_tokens: deactivating a token", async () => {
    const user = await newUser("awp");
    const token = await createPersonalAccessToken(user.id, { description: "ci", scope: "read", expiry: "30" });
    expect(await forgetsAtOnce(() => setPersonalAccessTokenActive(user.id, token.id, false))).toBe(true);
  });

  it("users: deactivating an account", async () => {
    const user = await newUser("awu");
    expect(
      await forgetsAtOnce(() =>
        deactivateAccount({ userId: user.id, confirmation: user.username, currentPassword: user.password, ip: null }),
      ),
    ).toBe(true);
  });

  it("namespaces: a user's default visibility", async () => {
    const user = await newUser("awn");
    expect(await forgetsAtOnce(() => setDefaultVisibility(user.id, "private"))).toBe(true);
  });

  it("repositories: making one private", async () => {
    const actor = { kind: "user" as const, userId: org.owner.id, isAdmin: false };
    expect(
      await forgetsAtOnce(() => setRepositoryVisibility(actor, { namespace: org.name, name: "app" }, "private")),
    ).toBe(true);
    await setRepositoryVisibility(actor, { namespace: org.name, name: "app" }, "public");
  });

  it("organizations: the private repository quota", async () => {
    expect(
      await forgetsAtOnce(() =>
        updateOrgSettings({ ...settings(org.name, { privateRepoQuota: "5" }), actorId: org.owner.id }),
      ),
    ).toBe(true);
  });

  it("teams: creating one", async () => {
    expect(
      await forgetsAtOnce(() =>
        createTeam({ org: org.name, actorId: org.owner.id, name: uniqueName("t"), description: "" }),
      ),
    ).toBe(true);
  });

  it("team_members: adding a member to a team", async () => {
    expect(
      await forgetsAtOnce(() =>
        addTeamMember({ org: org.name, actorId: org.owner.id, teamId: org.teamId, username: org.member.username }),
      ),
    ).toBe(true);
  });

  it("team_repository_permissions: granting a team a repository", async () => {
    expect(
      await forgetsAtOnce(() =>
        setTeamRepositoryPermission({
          org: org.name,
          actorId: org.owner.id,
          teamId: org.teamId,
          repository: "app",
          permission: "write",
        }),
      ),
    ).toBe(true);
  });

  it("organization_members: removing a member", async () => {
    const o = await newOrg();
    expect(await forgetsAtOnce(() => removeOrgMember({ org: o.name, actorId: o.owner.id, userId: o.member.id }))).toBe(
      true,
    );
  });

  it("immutable_tag_rules: adding and deleting one (the front door reads them from the cache)", async () => {
    const actor = { kind: "user" as const, userId: org.owner.id, isAdmin: false };
    let id = "";
    expect(
      await forgetsAtOnce(async () => {
        ({ id } = await createImmutableTagRule(actor, {
          namespace: org.name,
          repositoryPattern: "**",
          tagPattern: "v*",
        }));
      }),
    ).toBe(true);
    expect(await forgetsAtOnce(() => deleteImmutableTagRule(actor, { namespace: org.name, ruleId: id }))).toBe(true);
  });

  it("a refused change (rolled back) leaves the cache alone", async () => {
    const o = await newOrg();
    const actor = { kind: "user" as const, userId: o.owner.id, isAdmin: false };
    await updateOrgSettings({ ...settings(o.name, { privateRepoQuota: "0" }), actorId: o.owner.id });
    // The quota check runs in the visibility change's transaction, which then rolls back.
    expect(
      await forgetsAtOnce(() =>
        expect(setRepositoryVisibility(actor, { namespace: o.name, name: "app" }, "private")).rejects.toThrow(
          /private repositories/,
        ),
      ),
    ).toBe(false);
  });
});
