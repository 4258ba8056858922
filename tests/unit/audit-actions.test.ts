import { describe, expect, it } from "vitest";
import {
  AUDIT_ACTION_NAMES,
  auditActionGroups,
  auditActionLabel,
  describeAuditEvent,
} from "@/lib/validations/audit-actions";
import { auditLogQuerySchema } from "@/lib/validations/audit-log";

const entry = (
  action: string,
  target: string | null = null,
  metadata: Record<string, unknown> | null = null,
  actorName: string | null = "alice",
) => ({ action, target, metadata, actorName });

describe("audit entries as sentences", () => {
  it("renders each kind of event from its target and metadata", () => {
    expect(describeAuditEvent(entry("tags_deleted", "acme/web:1.0,2.0", { tags: ["1.0", "2.0"], digests: [] }))).toBe(
      "alice deleted tags 1.0, 2.0 of acme/web",
    );
    expect(describeAuditEvent(entry("tags_deleted", "acme/web:latest"))).toBe("alice deleted tag latest of acme/web");
    expect(describeAuditEvent(entry("registry_login_failed", 'password refused for "bob"', null, null))).toBe(
      'Failed registry login: password refused for "bob"',
    );
    expect(
      describeAuditEvent(entry("repository_visibility_changed", "acme/web", { from: "public", to: "private" })),
    ).toBe("alice made acme/web private");
    expect(
      describeAuditEvent(entry("team_permission_changed", "acme/web", { team: "devs", permission: "admin" })),
    ).toBe("alice gave team devs Admin on acme/web");
    expect(describeAuditEvent(entry("team_permission_changed", "acme/web", { team: "devs", permission: "none" }))).toBe(
      "alice removed the access of team devs to acme/web",
    );
    expect(describeAuditEvent(entry("member_removed", "bob"), { namespace: "acme" })).toBe(
      "alice removed bob from acme",
    );
    expect(
      describeAuditEvent(
        entry("webhook_created", "acme/web", { webhook: "deploy", url: "https://ci.example/hook?token=s3cret" }),
      ),
    ).toBe('alice added webhook "deploy" to acme/web');
    expect(describeAuditEvent(entry("site_setting_changed", "webhooks.allow_private_targets", { value: true }))).toBe(
      "alice changed the site setting webhooks.allow_private_targets to true",
    );
    expect(describeAuditEvent(entry("session_revoked", "Firefox 140 on Linux", { address: "10.0.0.9" }))).toBe(
      "alice signed out a session (Firefox 140 on Linux)",
    );
    expect(
      describeAuditEvent(entry("docker_login_revoked", "Docker 28.2.2 · linux/amd64", { madeWith: "password" })),
    ).toBe("alice revoked a docker login (Docker 28.2.2 · linux/amd64)");
    expect(describeAuditEvent(entry("signed_out_everywhere", null, { sessions: 3, dockerLogins: 1 }))).toBe(
      "alice signed out everywhere: 3 sessions, 1 docker login",
    );
    expect(describeAuditEvent(entry("signed_out_everywhere", null, { sessions: "x" }))).toBe(
      "alice signed out everywhere",
    );
  });

  it("reads entries carried over from the old auth log (no metadata, older target formats)", () => {
    expect(describeAuditEvent(entry("team_permission_changed", "acme/web:devs=write"))).toBe(
      "alice gave team devs Read & Write on acme/web",
    );
    expect(describeAuditEvent(entry("token_activated", "0b7f6a4e-3c1d-4e8f-9a2b-5c6d7e8f9a0b"))).toBe(
      "alice activated a personal access token",
    );
  });

  it("renders unknown actions and odd metadata generically, without throwing", () => {
    expect(describeAuditEvent(entry("quota_raised", "acme"))).toBe("alice: quota raised (acme)");
    expect(describeAuditEvent(entry("tags_deleted", null, { tags: [1, { x: 1 }] }, null))).toBe(
      "Someone deleted tags of a repository",
    );
    expect(describeAuditEvent(entry("site_setting_changed", "k", { value: { nested: "object" } }))).toBe(
      "alice changed the site setting k",
    );
    expect(auditActionLabel("quota_raised")).toBe("Quota raised");
  });
});

describe("the action filter", () => {
  it("offers personal and organization actions where they can happen, grouped", () => {
    const personal = auditActionGroups("user");
    const orgGroups = auditActionGroups("org");
    const values = (gs: typeof personal) => gs.flatMap((g) => g.actions.map((a) => a.value));
    expect(values(personal)).toContain("token_created");
    expect(values(personal)).not.toContain("team_permission_changed");
    expect(values(orgGroups)).toContain("team_permission_changed");
    expect(values(orgGroups)).not.toContain("password_changed");
    for (const a of ["session_revoked", "docker_login_revoked", "signed_out_everywhere"])
      expect(values(personal)).toContain(a);
    // An operator's change of the organization's storage quota is filed in its log too (Site).
    expect(orgGroups.map((g) => g.group)).toEqual([
      "Repositories",
      "Tags",
      "Members & teams",
      "Webhooks",
      "Builds",
      "Site",
    ]);
    expect(values(orgGroups.filter((g) => g.group === "Site"))).toEqual(["storage_quota_changed"]);
    expect(new Set([...values(personal), ...values(orgGroups)])).toEqual(new Set(AUDIT_ACTION_NAMES));
  });

  it("parses the URL: blanks are no filter, unknown actions are refused, odd pages fall back to 1", () => {
    expect(auditLogQuerySchema.parse({ action: "", actor: " Bob ", q: "", page: "x" })).toEqual({
      actor: "bob",
      page: 1,
      page_size: 25,
    });
    expect(auditLogQuerySchema.safeParse({ action: "drop_tables" }).success).toBe(false);
    expect(auditLogQuerySchema.safeParse({ action: ["tags_deleted", "token_created"] }).success).toBe(false);
    expect(auditLogQuerySchema.parse({ action: "tags_deleted", page: "3", page_size: "50" })).toEqual({
      action: "tags_deleted",
      page: 3,
      page_size: 50,
    });
    // Past the largest page size, or not a number: the default, like an odd page number.
    expect(auditLogQuerySchema.parse({ page_size: "1000" }).page_size).toBe(25);
    expect(auditLogQuerySchema.parse({ page_size: "lots" }).page_size).toBe(25);
  });
});
