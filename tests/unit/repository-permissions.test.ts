import { describe, expect, it } from "vitest";
import {
  allowedActions,
  repositoryCan,
  repositoryRole,
  type Actor,
  type NamespaceFacts,
  type RepositoryFacts,
} from "@/lib/authz/rules/repository-permissions";

const owner: Actor = { kind: "user", userId: "u-owner", isAdmin: false };
const other: Actor = { kind: "user", userId: "u-other", isAdmin: false };
const admin: Actor = { kind: "user", userId: "u-admin", isAdmin: true };
const anon: Actor = { kind: "anonymous" };
const personal: NamespaceFacts = { kind: "user", ownerUserId: "u-owner", ownerDeactivated: false };
const org: NamespaceFacts = { kind: "org", ownerUserId: null, ownerDeactivated: false };
const pub: RepositoryFacts = { visibility: "public", status: "active" };
const priv: RepositoryFacts = { visibility: "private", status: "active" };
const deleting: RepositoryFacts = { visibility: "public", status: "deleting" };

const actions = (
  actor: Actor,
  ns: NamespaceFacts,
  repo: RepositoryFacts,
  orgGrant: Parameters<typeof repositoryRole>[2] = null,
) => allowedActions(repositoryRole(actor, ns, orgGrant), repo).sort();

describe("repository permissions", () => {
  it.each([
    ["owner, private", owner, personal, priv, ["delete", "pull", "push"]],
    ["owner, new repository", owner, personal, null, ["delete", "pull", "push"]],
    ["other user, private", other, personal, priv, []],
    ["other user, public", other, personal, pub, ["pull"]],
    ["other user, new repository", other, personal, null, []],
    ["anonymous, public", anon, personal, pub, ["pull"]],
    ["anonymous, private", anon, personal, priv, []],
    ["site admin, private", admin, personal, priv, ["delete", "pull", "push"]],
    ["anyone, being deleted", other, personal, deleting, []],
    ["owner, being deleted", owner, personal, deleting, ["delete"]],
  ] as const)("%s", (_name, actor, ns, repo, expected) => {
    expect(actions(actor, ns, repo)).toEqual([...expected]);
  });

  it("maps organization roles", () => {
    expect(actions(other, org, priv, { isOwner: false, teamRole: "read" })).toEqual(["pull"]);
    expect(actions(other, org, priv, { isOwner: false, teamRole: "write" })).toEqual(["pull", "push"]);
    expect(actions(other, org, priv, { isOwner: false, teamRole: "admin" })).toEqual(["delete", "pull", "push"]);
    expect(actions(other, org, priv, { isOwner: true, teamRole: null })).toEqual(["delete", "pull", "push"]);
    expect(actions(other, org, priv, { isOwner: false, teamRole: null })).toEqual([]);
    expect(actions(other, org, priv)).toEqual([]);
  });
});

// Every ability, spelled out here (not read from the module) so a new one has to be placed by hand.
const EVERY_ABILITY = [
  "view",
  "push",
  "deleteTags",
  "rescan",
  "editDetails",
  "changeVisibility",
  "manageWebhooks",
  "manageBuilds",
  "manageCollaborators",
  "manageSettings",
  "deleteRepository",
] as const;

describe("repository abilities (what pages show and services allow, from one table)", () => {
  it.each([
    ["none", []],
    ["read", ["view"]],
    ["write", ["view", "push"]],
    ["admin", EVERY_ABILITY],
    ["owner", EVERY_ABILITY],
  ] as const)("%s may do exactly %j", (role, allowed) => {
    for (const ability of EVERY_ABILITY)
      expect(repositoryCan(role, ability), `${role} ${ability}`).toBe((allowed as readonly string[]).includes(ability));
  });
});
