import type pg from "pg";
import type { ProvidedConsole } from "@/tests/harness/global-setup";
import { inviteMember } from "@/lib/services/organization/invite-member";
import { updateSiteSetting } from "@/lib/services/site-setting/update";
import { createWebhook } from "@/lib/services/webhook/create";
import { setNamespaceQuota } from "@/lib/services/storage/set-namespace-quota";
import { createImmutableTagRule } from "@/lib/services/immutable-tag-rule/create";
import { updateRetentionPolicy } from "@/lib/services/retention-policy/update";
import { sendTestDelivery } from "@/lib/services/webhook/send-test";
import { createBuildRule } from "@/lib/services/build-settings/create-rule";
import { saveBuildSource } from "@/lib/services/build-settings/save-source";
import { newUser } from "./accounts";
import { formStateOf, snapshot, type Cast, type OrgActor, type Person, type World } from "./action-world";
import { buildImage, pushImage } from "./oci-image";
import type { ActionFields, ActionResult } from "./server-action";

/**
 * Who may call each organization and repository action, from docs/permissions.md: repository
 * settings, tags and webhooks need Admin on the repository (team Admin, organization owner, site
 * operator); starring needs only to see it; organization and team management is for the
 * organization's owners (a site operator who is not a member is not one); a member may leave.
 */
export type OrgCtx = {
  w: World;
  repo: string;
  t: Record<string, string>;
  caller: Person | null;
  cast: Cast;
  db: pg.Pool;
};
type Prepare = { w: World; repo: string; cast: Cast; db: pg.Pool; c: ProvidedConsole };
export type OrgRow = {
  action: string;
  // One list for organization-wide actions; per visibility for a repository's.
  allowed: readonly OrgActor[] | { public: readonly OrgActor[]; private: readonly OrgActor[] };
  prepare?: (p: Prepare) => Promise<Record<string, string>>;
  fields: (x: OrgCtx) => ActionFields;
  state: (x: OrgCtx, res?: ActionResult) => Promise<string>;
};

const REPO_ADMINS = { public: ["admin", "owner", "operator"], private: ["admin", "owner", "operator"] } as const;
const OWNERS = ["owner"] as const;
const R = "lib/actions/repository.ts#";
const W = "lib/actions/webhooks.ts#";
const O = "lib/actions/organizations.ts#";
const I = "lib/actions/immutable-tag-rules.ts#";
// A namespace's immutable tag rules: its owners and site operators (docs/permissions.md).
const RULE_MANAGERS = ["owner", "operator"] as const;
// A namespace's tag retention policy and runs: the same people (lib/authz/retention.ts).
const RT = "lib/actions/retention.ts#";
const BD = "lib/actions/builds.ts#";

const path = (x: OrgCtx) => ({ namespace: x.w.org, name: x.repo });
const inRepo = "namespace_id = (select id from namespaces where name = $1) and name = $2";
const repoRow = (x: OrgCtx) => snapshot(x.db, "repositories", inRepo, [x.w.org, x.repo]);
const ofRepo = (table: string, x: OrgCtx) =>
  snapshot(x.db, table, `repository_id = (select id from repositories where ${inRepo})`, [x.w.org, x.repo]);
const byId = (table: string, id: string) => (x: OrgCtx) => snapshot(x.db, table, "id = $1", [x.t[id]]);
const teamRows = (table: string, column: string, team: keyof World["teams"]) => (x: OrgCtx) =>
  snapshot(x.db, table, `${column} = $1`, [x.w.teams[team]]);
const orgNs = "(select id from namespaces where name = $1)";
const owner = (p: Prepare) => ({ kind: "user" as const, userId: p.cast.owner.id, isAdmin: false });

async function withWebhook(p: Prepare): Promise<Record<string, string>> {
  const where = { namespace: p.w.org, name: p.repo };
  const { id, secret } = await createWebhook(owner(p), where, {
    webhookName: "hook",
    url: "http://127.0.0.1:9/hook",
    trigger: { type: "all" },
    events: ["push"],
  });
  const delivery = await sendTestDelivery(owner(p), where, id);
  return { webhookId: id, secret, deliveryId: delivery.id };
}

async function withImmutableRule(p: Prepare): Promise<Record<string, string>> {
  const { id } = await createImmutableTagRule(owner(p), {
    namespace: p.w.org,
    repositoryPattern: "**",
    tagPattern: "v*",
  });
  return { ruleId: id };
}

async function withRetentionRule(p: Prepare): Promise<Record<string, string>> {
  const { rules } = await updateRetentionPolicy(owner(p), p.w.org, {
    kind: "add-rule",
    rule: {
      repositoryPattern: "**",
      repositoryMode: "match",
      tagPattern: "**",
      tagMode: "match",
      includeUntagged: false,
      criterion: "latest_pushed",
      n: 10,
    },
  });
  return { ruleId: rules[0]!.id };
}
const retentionPolicy = (x: OrgCtx) => snapshot(x.db, "retention_policies", `namespace_id = ${orgNs}`, [x.w.org]);

async function withTag(p: Prepare): Promise<Record<string, string>> {
  const image = await buildImage({ layers: [{ files: { "t.txt": `${p.w.org}/${p.repo}` } }] });
  await pushImage(image, {
    registry: p.c.registryHost,
    repository: `${p.w.org}/${p.repo}`,
    tag: "1",
    username: p.cast.owner.username,
    password: p.cast.owner.password,
  });
  // The index learns of the push from the registry's event.
  for (let i = 0; i < 100; i++) {
    const { rows } = await p.db.query(
      `select 1 from repository_tags where name = '1' and repository_id = (select id from repositories where ${inRepo})`,
      [p.w.org, p.repo],
    );
    if (rows.length > 0) return {};
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the pushed tag never reached the index");
}

// Build sources on a public address literal: saving checks where the host is, nothing connects.
const BS = "lib/actions/build-settings.ts#";
const buildSourceForm = { gitUrl: "https://93.184.215.14/acme/app.git", credentialKind: "none", accessToken: "" };
const buildRuleForm = {
  sourceType: "branch",
  sourceName: "main",
  tagTemplate: "{branch}-{sha7}",
  dockerfilePath: "Dockerfile",
  contextDir: ".",
  buildArgs: "A=1",
  enabled: "on",
};
// The sealed columns are left out: their ciphertext changes with every save, whatever was typed.
const buildSource = (x: OrgCtx) =>
  snapshot(
    x.db,
    "(select repository_id, git_url, credential_kind, deploy_public_key, updated_at from build_settings)",
    `repository_id = (select id from repositories where ${inRepo})`,
    [x.w.org, x.repo],
  );
async function withSshSource(p: Prepare): Promise<Record<string, string>> {
  await saveBuildSource(
    owner(p),
    { namespace: p.w.org, name: p.repo },
    { gitUrl: "git@93.184.215.14:acme/app.git", credentialKind: "deploy_key", accessToken: "" },
  );
  return {};
}
async function withBuildRule(p: Prepare): Promise<Record<string, string>> {
  const { id } = await createBuildRule(
    owner(p),
    { namespace: p.w.org, name: p.repo },
    {
      sourceType: "tag",
      sourceName: "v1",
      sourceRegex: false,
      tagTemplate: "{tag}",
      dockerfilePath: "Dockerfile",
      contextDir: ".",
      buildArgs: [],
      enabled: true,
    },
  );
  return { ruleId: id };
}

/**
 * Builds turned on, a source whose host cannot resolve (a build that starts fails at once, in its
 * clone: no build of these rows holds the worker) and a rule.
 */
async function withBuildable(p: Prepare): Promise<Record<string, string>> {
  await updateSiteSetting({ kind: "user", userId: p.cast.operator.id, isAdmin: true }, "builds.enabled", true);
  await saveBuildSource(
    owner(p),
    { namespace: p.w.org, name: p.repo },
    { gitUrl: "https://dockyard-matrix.invalid/app.git", credentialKind: "none", accessToken: "" },
  );
  return withBuildRule(p);
}
/** A build record as the worker leaves it (no job: nothing runs it), numbered 1. */
async function withBuildRecord(p: Prepare, status: "queued" | "failed"): Promise<Record<string, string>> {
  const t = await withBuildable(p);
  const { rows } = await p.db.query<{ id: string }>(
    `insert into builds (repository_id, number, rule_id, status, trigger, ref, recipe)
     select r.id, 1, $3, $4, 'manual', 'main', $5::jsonb from repositories r
     where r.namespace_id = (select id from namespaces where name = $1) and r.name = $2 returning id`,
    [
      p.w.org,
      p.repo,
      t.ruleId,
      status,
      JSON.stringify({
        gitUrl: "https://dockyard-matrix.invalid/app.git",
        sourceType: "branch",
        sourceName: "main",
        sourceRegex: false,
        tagTemplate: "latest",
        dockerfilePath: "Dockerfile",
        contextDir: ".",
        buildArgs: [],
      }),
    ],
  );
  return { ...t, buildId: rows[0]!.id };
}
const buildCount = async (x: OrgCtx) =>
  String(
    (
      await x.db.query<{ n: string }>(
        `select count(*) as n from builds where repository_id = (select id from repositories where ${inRepo})`,
        [x.w.org, x.repo],
      )
    ).rows[0]!.n,
  );

const hook = (x: OrgCtx) => ({ ...path(x), webhookId: x.t.webhookId! });
const webhookForm = { webhookName: "renamed", url: "http://127.0.0.1:9/renamed", triggerType: "all", events: "push" };

export const ORG_ROWS: OrgRow[] = [
  {
    action: `${R}updateRepositoryDetailsAction`,
    allowed: REPO_ADMINS,
    fields: (x) => ({ ...path(x), description: `set by ${x.caller?.username}`, overview: "" }),
    state: repoRow,
  },
  {
    action: `${R}setRepositoryVisibilityAction`,
    allowed: REPO_ADMINS,
    fields: (x) => ({ ...path(x), visibility: x.repo === "pub" ? "private" : "public" }),
    state: repoRow,
  },
  {
    action: `${R}deleteRepositoryAction`,
    allowed: REPO_ADMINS,
    fields: (x) => ({ ...path(x), confirmation: `${x.w.org}/${x.repo}` }),
    state: repoRow,
  },
  {
    action: `${R}starAction`,
    allowed: {
      public: ["outsider", "reader", "writer", "admin", "owner", "operator"],
      private: ["reader", "writer", "admin", "owner", "operator"],
    },
    fields: (x) => ({ ...path(x), starred: "true" }),
    state: (x) => ofRepo("repository_stars", x),
  },
  {
    action: `${R}deleteTagsAction`,
    allowed: REPO_ADMINS,
    prepare: withTag,
    fields: (x) => ({ ...path(x), tags: "1" }),
    state: (x) => ofRepo("repository_tags", x),
  },
  {
    action: `${R}reconcileRepositoryAction`,
    allowed: REPO_ADMINS,
    fields: path,
    state: (x) => snapshot(x.db, "index_reconciliations", "scope = $1", [`${x.w.org}/${x.repo}`]),
  },
  {
    action: `${W}createWebhookAction`,
    allowed: REPO_ADMINS,
    fields: (x) => ({ ...path(x), ...webhookForm, webhookName: "made" }),
    state: (x) => ofRepo("webhooks", x),
  },
  {
    action: `${W}updateWebhookAction`,
    allowed: REPO_ADMINS,
    prepare: withWebhook,
    fields: (x) => ({ ...hook(x), ...webhookForm }),
    state: byId("webhooks", "webhookId"),
  },
  {
    action: `${W}deleteWebhookAction`,
    allowed: REPO_ADMINS,
    prepare: withWebhook,
    fields: (x) => ({ ...hook(x), confirm: "on" }),
    state: byId("webhooks", "webhookId"),
  },
  {
    action: `${W}setWebhookActiveAction`,
    allowed: REPO_ADMINS,
    prepare: withWebhook,
    fields: (x) => ({ ...hook(x), active: "false" }),
    state: byId("webhooks", "webhookId"),
  },
  {
    action: `${W}sendTestDeliveryAction`,
    allowed: REPO_ADMINS,
    prepare: withWebhook,
    fields: hook,
    state: (x) => snapshot(x.db, "(select id from webhook_deliveries where webhook_id = $1)", "true", [x.t.webhookId]),
  },
  {
    action: `${W}redeliverAction`,
    allowed: REPO_ADMINS,
    prepare: withWebhook,
    fields: (x) => ({ ...hook(x), deliveryId: x.t.deliveryId! }),
    state: (x) => snapshot(x.db, "(select id from webhook_deliveries where webhook_id = $1)", "true", [x.t.webhookId]),
  },
  {
    action: `${W}revealWebhookSecretAction`,
    allowed: REPO_ADMINS,
    prepare: withWebhook,
    fields: hook,
    // Nothing is stored: what changes is whether the answer holds the secret.
    state: async (x, res) =>
      res && JSON.stringify(formStateOf(res.body)?.data ?? {}).includes(x.t.secret!) ? "revealed" : "hidden",
  },
  {
    action: `${W}rotateWebhookSecretAction`,
    allowed: REPO_ADMINS,
    prepare: withWebhook,
    fields: hook,
    state: byId("webhooks", "webhookId"),
  },
  {
    action: `${BS}saveBuildSourceAction`,
    allowed: REPO_ADMINS,
    fields: (x) => ({ ...path(x), ...buildSourceForm }),
    state: buildSource,
  },
  {
    action: `${BS}generateDeployKeyAction`,
    allowed: REPO_ADMINS,
    prepare: withSshSource,
    fields: path,
    state: buildSource,
  },
  {
    action: `${BS}rotateWebhookSecretAction`,
    allowed: REPO_ADMINS,
    prepare: withSshSource,
    fields: path,
    state: buildSource,
  },
  {
    action: `${BS}createBuildRuleAction`,
    allowed: REPO_ADMINS,
    fields: (x) => ({ ...path(x), ...buildRuleForm }),
    state: (x) => ofRepo("build_rules", x),
  },
  {
    action: `${BS}updateBuildRuleAction`,
    allowed: REPO_ADMINS,
    prepare: withBuildRule,
    fields: (x) => ({ ...path(x), ruleId: x.t.ruleId!, ...buildRuleForm }),
    state: byId("build_rules", "ruleId"),
  },
  {
    action: `${BS}deleteBuildRuleAction`,
    allowed: REPO_ADMINS,
    prepare: withBuildRule,
    fields: (x) => ({ ...path(x), ruleId: x.t.ruleId!, confirm: "on" }),
    state: byId("build_rules", "ruleId"),
  },

  {
    action: `${BD}startBuildAction`,
    allowed: REPO_ADMINS,
    prepare: withBuildable,
    fields: (x) => ({ ...path(x), ruleId: x.t.ruleId!, ref: "" }),
    state: buildCount,
  },
  {
    action: `${BD}cancelBuildAction`,
    allowed: REPO_ADMINS,
    prepare: (p) => withBuildRecord(p, "queued"),
    fields: (x) => ({ ...path(x), number: "1" }),
    state: byId("builds", "buildId"),
  },
  {
    action: `${BD}retryBuildAction`,
    allowed: REPO_ADMINS,
    prepare: (p) => withBuildRecord(p, "failed"),
    fields: (x) => ({ ...path(x), number: "1" }),
    state: buildCount,
  },
  {
    action: `${BD}clearBuildCacheAction`,
    allowed: REPO_ADMINS,
    fields: path,
    state: (x) =>
      snapshot(x.db, "audit_events", "action = 'build_cache_cleared' and target = $1", [`${x.w.org}/${x.repo}`]),
  },

  {
    action: `${O}inviteMemberAction`,
    allowed: OWNERS,
    prepare: async () => ({ invitee: (await newUser("ai")).username }),
    fields: (x) => ({ org: x.w.org, invitee: x.t.invitee! }),
    state: (x) => snapshot(x.db, "organization_invitations", `organization_id = ${orgNs}`, [x.w.org]),
  },
  {
    action: `${O}revokeInvitationAction`,
    allowed: OWNERS,
    prepare: async (p) => ({
      invitationId: (
        await inviteMember({ org: p.w.org, actorId: p.cast.owner.id, invitee: (await newUser("rv")).username })
      ).id,
    }),
    fields: (x) => ({ org: x.w.org, invitationId: x.t.invitationId! }),
    state: byId("organization_invitations", "invitationId"),
  },
  {
    action: `${O}resendInvitationAction`,
    allowed: OWNERS,
    prepare: async (p) => ({
      invitationId: (
        await inviteMember({
          org: p.w.org,
          actorId: p.cast.owner.id,
          invitee: `${(await newUser("rs")).username}@x.example`,
        })
      ).id,
    }),
    fields: (x) => ({ org: x.w.org, invitationId: x.t.invitationId! }),
    // A resend moves expires_at: any change of the row shows.
    state: byId("organization_invitations", "invitationId"),
  },
  {
    action: `${O}removeMemberAction`,
    allowed: ["reader", "owner"], // the reader leaving, or an owner removing them
    fields: (x) => ({ org: x.w.org, userId: x.cast.reader.id }),
    state: (x) =>
      snapshot(x.db, "organization_members", `organization_id = ${orgNs} and user_id = $2`, [
        x.w.org,
        x.cast.reader.id,
      ]),
  },
  {
    action: `${O}respondToInvitationAction`,
    allowed: ["outsider"], // only the person invited
    prepare: async (p) => ({
      invitationId: (await inviteMember({ org: p.w.org, actorId: p.cast.owner.id, invitee: p.cast.outsider.username }))
        .id,
    }),
    fields: (x) => ({ org: x.w.org, invitationId: x.t.invitationId!, accept: "true" }),
    state: async (x) =>
      (await byId("organization_invitations", "invitationId")(x)) +
      (await snapshot(x.db, "organization_members", `organization_id = ${orgNs}`, [x.w.org])),
  },
  {
    action: `${I}addImmutableTagRuleAction`,
    allowed: RULE_MANAGERS,
    fields: (x) => ({ namespace: x.w.org, repositoryPattern: "**", tagPattern: "v*" }),
    state: (x) => snapshot(x.db, "immutable_tag_rules", `namespace_id = ${orgNs}`, [x.w.org]),
  },
  {
    action: `${I}deleteImmutableTagRuleAction`,
    allowed: RULE_MANAGERS,
    prepare: withImmutableRule,
    fields: (x) => ({ namespace: x.w.org, ruleId: x.t.ruleId! }),
    state: (x) => snapshot(x.db, "immutable_tag_rules", `namespace_id = ${orgNs}`, [x.w.org]),
  },
  {
    action: `${RT}saveRetentionRuleAction`,
    allowed: RULE_MANAGERS,
    fields: (x) => ({
      namespace: x.w.org,
      repositoryPattern: "**",
      repositoryMode: "match",
      tagPattern: "v*",
      tagMode: "exclude",
      includeUntagged: "on",
      criterion: "latest_pushed",
      n: "5",
    }),
    state: retentionPolicy,
  },
  {
    action: `${RT}deleteRetentionRuleAction`,
    allowed: RULE_MANAGERS,
    prepare: withRetentionRule,
    fields: (x) => ({ namespace: x.w.org, ruleId: x.t.ruleId! }),
    state: retentionPolicy,
  },
  {
    action: `${RT}setRetentionScheduleAction`,
    allowed: RULE_MANAGERS,
    fields: (x) => ({ namespace: x.w.org, scheduleKind: "cron", cron: "0 3 * * 1-5" }),
    state: retentionPolicy,
  },
  {
    action: `${RT}startRetentionRunAction`,
    allowed: RULE_MANAGERS,
    prepare: withRetentionRule,
    fields: (x) => ({ namespace: x.w.org, dryRun: "true" }),
    state: (x) => snapshot(x.db, "retention_runs", `namespace_id = ${orgNs}`, [x.w.org]),
  },
  {
    action: `${O}updateOrgSettingsAction`,
    allowed: OWNERS,
    fields: (x) => ({
      org: x.w.org,
      displayName: `set by ${x.caller?.username}`,
      company: "",
      location: "",
      website: "",
      defaultVisibility: "private",
      privateRepoQuota: "3",
    }),
    state: async (x) =>
      (await snapshot(x.db, "organizations", `namespace_id = ${orgNs}`, [x.w.org])) +
      (await snapshot(x.db, "namespaces", "name = $1", [x.w.org])),
  },
  {
    action: `${O}createTeamAction`,
    allowed: OWNERS,
    fields: (x) => ({ org: x.w.org, name: "newteam", description: "" }),
    state: (x) => snapshot(x.db, "teams", `organization_id = ${orgNs}`, [x.w.org]),
  },
  {
    action: `${O}updateTeamAction`,
    allowed: OWNERS,
    fields: (x) => ({ org: x.w.org, teamId: x.w.teams.readers, name: "renamed", description: "changed" }),
    state: teamRows("teams", "id", "readers"),
  },
  {
    action: `${O}deleteTeamAction`,
    allowed: OWNERS,
    fields: (x) => ({ org: x.w.org, teamId: x.w.teams.readers }),
    state: teamRows("teams", "id", "readers"),
  },
  {
    action: `${O}addTeamMemberAction`,
    allowed: OWNERS,
    fields: (x) => ({ org: x.w.org, teamId: x.w.teams.writers, username: x.cast.reader.username }),
    state: teamRows("team_members", "team_id", "writers"),
  },
  {
    action: `${O}removeTeamMemberAction`,
    allowed: OWNERS,
    fields: (x) => ({ org: x.w.org, teamId: x.w.teams.readers, userId: x.cast.reader.id }),
    state: teamRows("team_members", "team_id", "readers"),
  },
  {
    action: `${O}setTeamPermissionAction`,
    allowed: OWNERS,
    fields: (x) => ({ org: x.w.org, teamId: x.w.teams.readers, repository: "priv", permission: "admin" }),
    state: teamRows("team_repository_permissions", "team_id", "readers"),
  },
  {
    action: `${O}deleteOrganizationAction`,
    allowed: OWNERS,
    fields: (x) => ({ org: x.w.org, confirmation: x.w.org, currentPassword: x.caller?.password ?? "x" }),
    state: async (x) =>
      (await snapshot(x.db, "namespaces", "name = $1", [x.w.org])) +
      (await snapshot(x.db, "repositories", `namespace_id = ${orgNs}`, [x.w.org])),
  },
  {
    // Pull limits are on before each call; the form turns them off (so the rest of the run has none).
    action: "lib/actions/site-settings.ts#updatePullRateLimitAction",
    allowed: ["operator"],
    prepare: async (p) => {
      await updateSiteSetting({ kind: "user", userId: p.cast.operator.id, isAdmin: true }, "registry.pull_rate_limit", {
        authenticated: 1_000_000,
        anonymous: 1_000_000,
        windowSeconds: 3600,
      });
      return {};
    },
    fields: () => ({ authenticated: "200", anonymous: "100", windowSeconds: "21600" }),
    state: (x) => snapshot(x.db, "site_settings", "key = $1", ["registry.pull_rate_limit"]),
  },
  {
    // Read-only is on before each call (no pushes happen meanwhile); the form turns it off.
    action: "lib/actions/site-settings.ts#updateReadOnlyAction",
    allowed: ["operator"],
    prepare: async (p) => {
      await updateSiteSetting({ kind: "user", userId: p.cast.operator.id, isAdmin: true }, "registry.read_only", {
        message: "Matrix test.",
        since: new Date().toISOString(),
      });
      return {};
    },
    fields: () => ({ message: "Back soon." }),
    state: (x) => snapshot(x.db, "site_settings", "key = $1", ["registry.read_only"]),
  },
  {
    // A quota no push here comes near is on before each call; the form (unticked) turns it off.
    action: "lib/actions/site-settings.ts#updateStorageQuotaAction",
    allowed: ["operator"],
    prepare: async (p) => {
      await updateSiteSetting(
        { kind: "user", userId: p.cast.operator.id, isAdmin: true },
        "storage.default_quota_bytes",
        1e15,
      );
      return {};
    },
    fields: () => ({ amount: "5", unit: "TB" }),
    state: (x) => snapshot(x.db, "site_settings", "key = $1", ["storage.default_quota_bytes"]),
  },
  {
    // The organization follows the site default before each call; the form gives it 5 TB of its own.
    action: "lib/actions/storage-quota.ts#setNamespaceQuotaAction",
    allowed: ["operator"],
    prepare: async (p) => {
      await setNamespaceQuota(
        { kind: "user", userId: p.cast.operator.id, isAdmin: true },
        { namespace: p.w.org, quota: "site_default" },
      );
      return {};
    },
    fields: (x) => ({ namespace: x.w.org, mode: "custom", amount: "5", unit: "TB" }),
    state: (x) => snapshot(x.db, "namespaces", "name = $1", [x.w.org]),
  },
  {
    // The schedule is off before each call; the form sets one (daily at 03:00 UTC, saved now, so
    // its first slot is tomorrow's: nothing runs during the tests).
    action: "lib/actions/garbage-collection.ts#updateGcScheduleAction",
    allowed: ["operator"],
    prepare: async (p) => {
      await updateSiteSetting(
        { kind: "user", userId: p.cast.operator.id, isAdmin: true },
        "registry.gc_schedule",
        null,
      );
      return {};
    },
    fields: () => ({ kind: "daily", hour: "3", day: "" }),
    state: (x) => snapshot(x.db, "site_settings", "key = $1", ["registry.gc_schedule"]),
  },
  {
    // The operator's call really queues a run, which the test console then runs (a few seconds of
    // 503s for pushes): the rows after this one push nothing, and the matrix waits for it to end.
    // Only the columns a call sets are compared: the run's status moves on by itself.
    action: "lib/actions/garbage-collection.ts#startGarbageCollectionAction",
    allowed: ["operator"],
    prepare: async (p) => {
      await waitForNoGarbageCollection(p.db);
      return {};
    },
    fields: () => ({}),
    state: (x) => snapshot(x.db, "(select id, trigger, requested_by_id from registry_gc_runs)", "true", []),
  },
  {
    // Builds are turned off (and private Git hosts refused) before each call; the form turns both on.
    action: "lib/actions/site-settings.ts#updateBuildsSettingsAction",
    allowed: ["operator"],
    prepare: async (p) => {
      const op = { kind: "user" as const, userId: p.cast.operator.id, isAdmin: true };
      await updateSiteSetting(op, "builds.enabled", false);
      await updateSiteSetting(op, "builds.allow_private_git", false);
      return {};
    },
    fields: () => ({ buildsEnabled: "on", allowPrivateGit: "on" }),
    state: (x) => snapshot(x.db, "site_settings", "key like 'builds.%'", []),
  },
  {
    // Last: it turns off private webhook targets until the operator's own call turns them on again.
    action: "lib/actions/site-settings.ts#updateSiteSettingsAction",
    allowed: ["operator"],
    prepare: async (p) => {
      await updateSiteSetting(
        { kind: "user", userId: p.cast.operator.id, isAdmin: true },
        "webhooks.allow_private_targets",
        false,
      );
      return {};
    },
    fields: () => ({ allowPrivateWebhookTargets: "on" }),
    state: (x) => snapshot(x.db, "site_settings", "key = $1", ["webhooks.allow_private_targets"]),
  },
];

/** Waits until no garbage collection is queued or running on the test console (at most a minute). */
export async function waitForNoGarbageCollection(db: pg.Pool): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const { rows } = await db.query("select 1 from registry_gc_runs where finished_at is null");
    if (rows.length === 0) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("a garbage collection is still running after a minute");
}
