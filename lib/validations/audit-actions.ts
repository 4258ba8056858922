import { SCOPE_LABELS } from "@/lib/validations/personal-access-token";
import { formatCount, plural } from "@/lib/format";

/**
 * What the audit log knows about each action: its label, the group it is offered under in the
 * filter, and which kind of namespace records it (so a personal log does not offer team events).
 * Pure (no database): shared by the filter schema, the query and the page. Actions not listed
 * here still render, generically; list a new action here to make it filterable.
 */
export const AUDIT_GROUPS = [
  "Repositories",
  "Tags",
  "Tokens",
  "Members & teams",
  "Security",
  "Webhooks",
  "Builds",
  "Site",
] as const;
export type AuditGroup = (typeof AUDIT_GROUPS)[number];

type ActionInfo = { label: string; group: AuditGroup; in: "user" | "org" | "any" };

export const AUDIT_ACTIONS = {
  repository_created: { label: "Repository created", group: "Repositories", in: "any" },
  repository_deleted: { label: "Repository deleted", group: "Repositories", in: "any" },
  repository_visibility_changed: { label: "Repository visibility changed", group: "Repositories", in: "any" },
  tags_deleted: { label: "Tags deleted", group: "Tags", in: "any" },
  immutable_rule_added: { label: "Immutable tag rule added", group: "Tags", in: "any" },
  immutable_rule_deleted: { label: "Immutable tag rule deleted", group: "Tags", in: "any" },
  retention_policy_updated: { label: "Tag retention policy changed", group: "Tags", in: "any" },
  retention_run_started: { label: "Tag retention run started", group: "Tags", in: "any" },
  token_created: { label: "Token created", group: "Tokens", in: "user" },
  token_deleted: { label: "Token deleted", group: "Tokens", in: "user" },
  token_activated: { label: "Token activated", group: "Tokens", in: "user" },
  token_deactivated: { label: "Token deactivated", group: "Tokens", in: "user" },
  // An organization's creation is filed in its own log; its deletion in the deleter's (the org log goes with it).
  organization_created: { label: "Organization created", group: "Members & teams", in: "org" },
  organization_deleted: { label: "Organization deleted", group: "Members & teams", in: "user" },
  member_invited: { label: "Member invited", group: "Members & teams", in: "org" },
  member_added: { label: "Invitation accepted", group: "Members & teams", in: "org" },
  invitation_declined: { label: "Invitation declined", group: "Members & teams", in: "org" },
  invitation_revoked: { label: "Invitation revoked", group: "Members & teams", in: "org" },
  invitation_resent: { label: "Invitation resent", group: "Members & teams", in: "org" },
  member_removed: { label: "Member removed", group: "Members & teams", in: "org" },
  member_left: { label: "Member left", group: "Members & teams", in: "org" },
  team_permission_changed: { label: "Team permission changed", group: "Members & teams", in: "org" },
  registry_login_failed: { label: "Failed registry login", group: "Security", in: "user" },
  "2fa_enabled": { label: "Two-factor authentication enabled", group: "Security", in: "user" },
  "2fa_disabled": { label: "Two-factor authentication disabled", group: "Security", in: "user" },
  recovery_codes_regenerated: { label: "Recovery codes regenerated", group: "Security", in: "user" },
  password_changed: { label: "Password changed", group: "Security", in: "user" },
  email_changed: { label: "Email address changed", group: "Security", in: "user" },
  account_deactivated: { label: "Account deactivated", group: "Security", in: "user" },
  session_revoked: { label: "Session revoked", group: "Security", in: "user" },
  docker_login_revoked: { label: "Docker login revoked", group: "Security", in: "user" },
  signed_out_everywhere: { label: "Signed out everywhere", group: "Security", in: "user" },
  webhook_created: { label: "Webhook created", group: "Webhooks", in: "any" },
  webhook_updated: { label: "Webhook updated", group: "Webhooks", in: "any" },
  webhook_deleted: { label: "Webhook deleted", group: "Webhooks", in: "any" },
  webhook_enabled: { label: "Webhook enabled", group: "Webhooks", in: "any" },
  webhook_disabled: { label: "Webhook disabled", group: "Webhooks", in: "any" },
  webhook_secret_rotated: { label: "Webhook secret rotated", group: "Webhooks", in: "any" },
  build_settings_changed: { label: "Build source changed", group: "Builds", in: "any" },
  build_deploy_key_generated: { label: "Build deploy key generated", group: "Builds", in: "any" },
  build_webhook_secret_rotated: { label: "Build webhook secret rotated", group: "Builds", in: "any" },
  build_rule_added: { label: "Build rule added", group: "Builds", in: "any" },
  build_rule_updated: { label: "Build rule updated", group: "Builds", in: "any" },
  build_rule_deleted: { label: "Build rule deleted", group: "Builds", in: "any" },
  build_started: { label: "Build started", group: "Builds", in: "any" },
  build_cancelled: { label: "Build cancelled", group: "Builds", in: "any" },
  build_pushed: { label: "Build pushed an image", group: "Builds", in: "any" },
  build_trigger_refused: { label: "Build trigger refused", group: "Builds", in: "any" },
  build_cache_cleared: { label: "Build cache cleared", group: "Builds", in: "any" },
  // Site settings are changed by operators and filed in the operator's own log.
  site_setting_changed: { label: "Site setting changed", group: "Site", in: "user" },
  // Filed in the namespace's log (its owners see who changed their quota) and the operator's.
  storage_quota_changed: { label: "Storage quota changed", group: "Site", in: "any" },
  gc_started: { label: "Garbage collection started", group: "Site", in: "user" },
} as const satisfies Record<string, ActionInfo>;

export type AuditAction = keyof typeof AUDIT_ACTIONS;
export const AUDIT_ACTION_NAMES = Object.keys(AUDIT_ACTIONS) as [AuditAction, ...AuditAction[]];

export function isAuditAction(action: string): action is AuditAction {
  return Object.hasOwn(AUDIT_ACTIONS, action);
}

/** "repository_created" → "Repository created"; unknown actions get their name with spaces. */
export function auditActionLabel(action: string): string {
  if (isAuditAction(action)) return AUDIT_ACTIONS[action].label;
  const spaced = action.replaceAll("_", " ").trim();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

export type AuditActionGroup = { group: AuditGroup; actions: Array<{ value: AuditAction; label: string }> };

/** The filter dropdown for a user's or an organization's log, grouped, empty groups left out. */
export function auditActionGroups(kind: "user" | "org"): AuditActionGroup[] {
  return AUDIT_GROUPS.map((group) => ({
    group,
    actions: AUDIT_ACTION_NAMES.filter(
      (a) => AUDIT_ACTIONS[a].group === group && (AUDIT_ACTIONS[a].in === "any" || AUDIT_ACTIONS[a].in === kind),
    ).map((value) => ({ value, label: AUDIT_ACTIONS[value].label })),
  })).filter((g) => g.actions.length > 0);
}

/** The fields of an audit entry a sentence is made of (as stored; metadata is whatever the writer put there). */
export type AuditEntryText = {
  action: string;
  actorName: string | null;
  target: string | null;
  metadata: Record<string, unknown> | null;
};

const TEAM_PERMISSION_LABELS: Record<string, string> = { read: "Read-only", write: "Read & Write", admin: "Admin" };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Metadata is untyped JSON: only strings (and numbers/booleans, shown as text) are trusted into a sentence.
function text(metadata: Record<string, unknown> | null, key: string): string | null {
  const v = metadata?.[key];
  if (typeof v === "string" && v !== "") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return null;
}

function strings(metadata: Record<string, unknown> | null, key: string): string[] | null {
  const v = metadata?.[key];
  return Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === "string") ? v : null;
}

function tokenName(target: string | null): string {
  // Entries carried over from the old auth log name a token by its id, which means nothing to a reader.
  return target && !UUID.test(target) ? `personal access token "${target}"` : "a personal access token";
}

function webhookName(metadata: Record<string, unknown> | null): string {
  const name = text(metadata, "webhook");
  return name ? `webhook "${name}"` : "a webhook";
}

/** `acme/web:1.0,2.0` (how tags_deleted names its target) → the repository and the tags. */
function splitTagsTarget(
  target: string | null,
  metadata: Record<string, unknown> | null,
): { path: string; tags: string[] } {
  const at = target?.indexOf(":") ?? -1;
  const path = target && at > 0 ? target.slice(0, at) : (target ?? "a repository");
  const tags =
    strings(metadata, "tags") ??
    (target && at > 0
      ? target
          .slice(at + 1)
          .split(",")
          .filter(Boolean)
      : []);
  return { path, tags };
}

/** team_permission_changed: metadata since the audit log; `org/repo:team=permission` in entries carried over from the old auth log. */
function teamPermission(
  target: string | null,
  metadata: Record<string, unknown> | null,
): { path: string; team: string | null; permission: string | null } {
  const team = text(metadata, "team");
  const permission = text(metadata, "permission");
  if (team || permission) return { path: target ?? "a repository", team, permission };
  const legacy = target ? /^([^:]+):(.+)=(read|write|admin|none)$/.exec(target) : null;
  if (legacy) return { path: legacy[1]!, team: legacy[2]!, permission: legacy[3]! };
  return { path: target ?? "a repository", team: null, permission: null };
}

/**
 * One entry as a sentence for people: "alice deleted tags 1.0, 2.0 of acme/web". `namespace` is
 * the log being read (an organization's name reads better than "the organization").
 */
export function describeAuditEvent(entry: AuditEntryText, context: { namespace?: string } = {}): string {
  const who = entry.actorName ?? "Someone";
  const target = entry.target;
  const meta = entry.metadata;
  const org = context.namespace ?? "the organization";
  switch (entry.action) {
    case "repository_created": {
      const visibility = text(meta, "visibility");
      return `${who} created repository ${target ?? "(unnamed)"}${visibility ? ` (${visibility})` : ""}`;
    }
    case "repository_deleted":
      return `${who} deleted repository ${target ?? "(unnamed)"}`;
    case "repository_visibility_changed": {
      const to = text(meta, "to");
      return to
        ? `${who} made ${target ?? "a repository"} ${to}`
        : `${who} changed the visibility of ${target ?? "a repository"}`;
    }
    case "tags_deleted": {
      const { path, tags } = splitTagsTarget(target, meta);
      // Deletions by a tag retention run say so (the actor is who started the run, or nobody for a schedule).
      const by = !text(meta, "retentionRun")
        ? who
        : entry.actorName
          ? `${who} (tag retention run)`
          : "A scheduled tag retention run";
      if (tags.length === 0) return `${by} deleted tags of ${path}`;
      return `${by} deleted ${plural(tags.length, "tag")} ${tags.join(", ")} of ${path}`;
    }
    case "retention_policy_updated":
      return `${who} changed the tag retention policy of ${target ?? org}`;
    case "retention_run_started":
      return `${entry.actorName ? who : "The schedule"} started a ${meta?.dryRun === true ? "dry " : ""}tag retention run of ${target ?? org}`;
    case "token_created": {
      const scope = text(meta, "scope");
      const label =
        scope && Object.hasOwn(SCOPE_LABELS, scope) ? SCOPE_LABELS[scope as keyof typeof SCOPE_LABELS] : scope;
      return `${who} created ${tokenName(target)}${label ? ` (${label})` : ""}`;
    }
    case "token_deleted":
      return `${who} deleted ${tokenName(target)}`;
    case "token_activated":
      return `${who} activated ${tokenName(target)}`;
    case "token_deactivated":
      return `${who} deactivated ${tokenName(target)}`;
    case "organization_created":
      return `${who} created the organization ${target ?? org}`;
    case "organization_deleted":
      return `${who} deleted the organization ${target ?? "(unnamed)"}`;
    case "member_invited":
      return `${who} invited ${target ?? "someone"} to join ${org}`;
    case "member_added":
      return `${who} accepted the invitation and joined ${org}`;
    case "invitation_declined":
      return `${who} declined the invitation to join ${org}`;
    case "invitation_revoked":
      return `${who} revoked the invitation of ${target ?? "someone"} to join ${org}`;
    case "invitation_resent":
      return `${who} sent the invitation of ${target ?? "someone"} to join ${org} again`;
    case "member_removed":
      return `${who} removed ${target ?? "a member"} from ${org}`;
    case "member_left":
      return `${who} left ${org}`;
    case "team_permission_changed": {
      const { path, team, permission } = teamPermission(target, meta);
      const teamName = team ? `team ${team}` : "a team";
      if (permission === "none") return `${who} removed the access of ${teamName} to ${path}`;
      return `${who} gave ${teamName} ${permission ? (TEAM_PERMISSION_LABELS[permission] ?? permission) : "a new permission"} on ${path}`;
    }
    case "registry_login_failed":
      return `Failed registry login: ${target ?? "credentials refused"}`;
    case "2fa_enabled":
      return `${who} enabled two-factor authentication`;
    case "2fa_disabled":
      return `${who} disabled two-factor authentication`;
    case "recovery_codes_regenerated":
      return `${who} generated new recovery codes`;
    case "password_changed":
      return `${who} changed their password`;
    case "email_changed":
      return target ? `${who} changed their email address to ${target}` : `${who} changed their email address`;
    case "account_deactivated":
      return `${who} deactivated their account`;
    // Targets are the labels the Security page showed ("Chrome 138 on macOS", "Docker 28.2.2 · linux/amd64").
    case "session_revoked":
      return `${who} signed out a session${target ? ` (${target})` : ""}`;
    case "docker_login_revoked":
      return `${who} revoked a docker login${target ? ` (${target})` : ""}`;
    case "signed_out_everywhere": {
      const sessions = text(meta, "sessions");
      const logins = text(meta, "dockerLogins");
      const counts =
        sessions !== null && logins !== null
          ? `: ${formatCount(Number(sessions), "session")}, ${formatCount(Number(logins), "docker login")}`
          : "";
      return `${who} signed out everywhere${counts}`;
    }
    // Webhooks belong to a repository (the target) and are named in metadata. Their URL is left
    // out on purpose: URLs often carry a token in their query, and the webhook page shows it to admins.
    case "webhook_created":
      return `${who} added ${webhookName(meta)} to ${target ?? "a repository"}`;
    case "webhook_updated":
      return `${who} updated ${webhookName(meta)} of ${target ?? "a repository"}`;
    case "webhook_deleted":
      return `${who} deleted ${webhookName(meta)} from ${target ?? "a repository"}`;
    case "webhook_enabled":
      return `${who} enabled ${webhookName(meta)} of ${target ?? "a repository"}`;
    case "webhook_disabled":
      return `${who} disabled ${webhookName(meta)} of ${target ?? "a repository"}`;
    case "webhook_secret_rotated":
      return `${who} rotated the secret of ${webhookName(meta)} of ${target ?? "a repository"}`;
    // The Git URL is left out like a webhook's (it may carry a user name); the credential never appears.
    case "build_settings_changed":
      return `${who} changed the build source of ${target ?? "a repository"}${text(meta, "credential") ? ` (credential: ${text(meta, "credential")})` : ""}`;
    case "build_deploy_key_generated":
      return `${who} generated a new build deploy key for ${target ?? "a repository"}`;
    case "build_webhook_secret_rotated":
      return `${who} rotated the build webhook secret of ${target ?? "a repository"}`;
    case "build_rule_added":
      return `${who} added the build rule ${text(meta, "rule") ?? "?"} to ${target ?? "a repository"}`;
    case "build_rule_updated":
      return `${who} updated the build rule ${text(meta, "rule") ?? "?"} of ${target ?? "a repository"}`;
    case "build_rule_deleted":
      return `${who} deleted the build rule ${text(meta, "rule") ?? "?"} from ${target ?? "a repository"}`;
    case "build_started":
      return `${who} started build #${text(meta, "number") ?? "?"} of ${target ?? "a repository"} (${text(meta, "ref") ?? "?"})`;
    case "build_cancelled":
      return `${who} cancelled build #${text(meta, "number") ?? "?"} of ${target ?? "a repository"}`;
    case "build_pushed":
      return `Build #${text(meta, "number") ?? "?"} pushed ${target ?? "an image"}${text(meta, "digest") ? ` (${text(meta, "digest")?.slice(0, 19)})` : ""}`;
    case "build_cache_cleared":
      return `${who} cleared the build cache of ${target ?? "a repository"}`;
    case "build_trigger_refused":
      return `A build trigger call for ${target ?? "a repository"} was refused: ${text(meta, "reason") ?? "?"}`;
    case "immutable_rule_added":
      return `${who} made tags immutable in ${target ?? "a namespace"}: repositories "${text(meta, "repositories") ?? "?"}", tags "${text(meta, "tags") ?? "?"}"`;
    case "immutable_rule_deleted":
      return `${who} deleted the immutable tag rule repositories "${text(meta, "repositories") ?? "?"}", tags "${text(meta, "tags") ?? "?"}" of ${target ?? "a namespace"}`;
    case "site_setting_changed": {
      // Only plain values are shown; anything structured stays in the database.
      const to = text(meta, "value") ?? text(meta, "to");
      return `${who} changed the site setting ${target ?? "(unnamed)"}${to !== null ? ` to ${to}` : ""}`;
    }
    case "storage_quota_changed":
      return `${who} set the storage quota of ${target ?? "a namespace"} to ${text(meta, "to") ?? "?"}`;
    case "gc_started":
      return `${who} started a garbage collection of the registry`;
    default:
      return `${who}: ${auditActionLabel(entry.action).toLowerCase()}${target ? ` (${target})` : ""}`;
  }
}
