import "server-only";
import { asc, eq } from "drizzle-orm";
import { transaction } from "@/db";
import { buildRules, buildSettings } from "@/db/schema";
import { authorizeBuildHook } from "@/lib/authz/build-hook";
import { hookFormatOf, type HookSource } from "@/lib/builds/hooks";
import { parseRef, rulesForRef } from "@/lib/builds/rules";
import { getBuildHookTarget } from "@/lib/data/build-settings";
import { getSiteSetting } from "@/lib/data/site-settings";
import { ConflictError, MalformedJsonError, UnauthorizedError, ValidationError } from "@/lib/errors";
import { parseJson } from "@/lib/http/read-body";
import { recordHookRefusal } from "./record-hook-refusal";
import { BUILDS_DISABLED, queueBuild, recipeOf } from "./queue";

export type HookCall = { namespace: string; name: string; headers: Headers; body: Uint8Array; ip: string };

export type QueuedByHook = { number: number; rule_id: string; image_tag: string };
export type SkippedByHook = { rule_id: string; reason: string };
export type HookAnswer =
  | { status: 200; body: { ok: true } }
  | { status: 200 | 202; body: { builds: QueuedByHook[]; skipped: SkippedByHook[] } };

/**
 * A Git host's push webhook (POST /api/build-hooks/{namespace}/{name}): verify the signature or
 * token with the repository's build webhook secret (lib/authz/build-hook.ts), then queue one build
 * per enabled rule the pushed ref fires, all in one transaction, at the pushed commit with the tag
 * the rule renders; a rule whose template renders no valid tag is reported as skipped. A deleted
 * branch or tag and a ref no rule matches start nothing (200). Refusals (UnauthorizedError, and
 * ConflictError while builds are off) are written to the audit log, rate-limited.
 */
export async function triggerBuildsFromHook(call: HookCall, now = Date.now()): Promise<HookAnswer> {
  const format = hookFormatOf(call.headers);
  const target = await getBuildHookTarget(call.namespace, call.name);
  const decision = authorizeBuildHook(format, call.headers, call.body, target, now);
  const refuse = (reason: Parameters<typeof recordHookRefusal>[0]["reason"], namespaceId: string | null) =>
    recordHookRefusal({ ...call, namespaceId, reason, source: format.source });
  if (!decision.ok) {
    await refuse(decision.reason, decision.namespaceId);
    throw new UnauthorizedError(decision.message);
  }
  const repositoryId = target!.repositoryId;
  const event = format.event(call.headers);
  if (event.kind === "ping") return { status: 200, body: { ok: true } };
  if (event.kind === "unsupported")
    throw new ValidationError(`The event "${event.name.slice(0, 60)}" starts no build: send push events only.`);
  if (!(await getSiteSetting("builds.enabled"))) {
    await refuse("builds_disabled", target!.namespaceId);
    throw new ConflictError(BUILDS_DISABLED);
  }
  const push = format.push(parseBody(call));
  if (push.deleted || !parseRef(push.ref)) return { status: 200, body: { builds: [], skipped: [] } };
  const result = await queueFired(repositoryId, format.source, push.ref, push.sha, new Date(now));
  return { status: result.builds.length > 0 ? 202 : 200, body: result };
}

function parseBody(call: HookCall): unknown {
  try {
    return parseJson(Buffer.from(call.body).toString("utf8"));
  } catch (err) {
    // GitHub's default content type is a form: the one mistake worth naming.
    if (err instanceof MalformedJsonError && /x-www-form-urlencoded/i.test(call.headers.get("content-type") ?? ""))
      throw new MalformedJsonError("The body is a form, not JSON: set the webhook's content type to application/json.");
    throw err;
  }
}

async function queueFired(
  repositoryId: string,
  source: HookSource,
  ref: string,
  sha: string,
  date: Date,
): Promise<{ builds: QueuedByHook[]; skipped: SkippedByHook[] }> {
  return transaction(async (tx) => {
    const [settings] = await tx
      .select({ gitUrl: buildSettings.gitUrl })
      .from(buildSettings)
      .where(eq(buildSettings.repositoryId, repositoryId));
    // Deleted between the check and now: nothing to build from.
    if (!settings) return { builds: [], skipped: [] };
    const rules = await tx
      .select()
      .from(buildRules)
      .where(eq(buildRules.repositoryId, repositoryId))
      .orderBy(asc(buildRules.createdAt), asc(buildRules.id));
    const byId = new Map(rules.map((r) => [r.id, r]));
    const name = parseRef(ref)!.name;
    const builds: QueuedByHook[] = [];
    const skipped: SkippedByHook[] = [];
    for (const fired of rulesForRef(rules, ref, sha, date)) {
      const rule = byId.get(fired.rule.id!)!;
      if ("error" in fired) {
        skipped.push({ rule_id: rule.id, reason: fired.error });
        continue;
      }
      const { number } = await queueBuild(tx, {
        repositoryId,
        ruleId: rule.id,
        recipe: recipeOf(rule, settings.gitUrl),
        trigger: "webhook",
        triggerSource: source,
        startedById: null,
        ref: name,
        commit: sha,
        imageTag: fired.tag,
      });
      builds.push({ number, rule_id: rule.id, image_tag: fired.tag });
    }
    return { builds, skipped };
  });
}
