import "server-only";
import crypto from "node:crypto";
import type { HookFormat, HookRefusal, HookSource } from "@/lib/builds/hooks";
import type { BuildHookTarget } from "@/lib/data/build-settings";
import { decryptSecret } from "@/lib/security/crypto";

/** Why a call was refused in the audit log: the format's reasons, and two the caller is never told. */
export type BuildHookRefusal = HookRefusal | "unknown_repository" | "no_build_settings";

export type BuildHookDecision =
  { ok: true } | { ok: false; reason: BuildHookRefusal; message: string; namespaceId: string | null };

const WRONG: Record<HookSource, string> = {
  github: "X-Hub-Signature-256 does not match: the webhook's secret is not this repository's build webhook secret.",
  gitlab: "X-Gitlab-Token is not this repository's build webhook secret.",
  gitea: "X-Gitea-Signature does not match: the webhook's secret is not this repository's build webhook secret.",
  generic: "X-Dockyard-Signature does not match: signed with another secret, or the body was changed.",
};

// Checked against when there is no secret to check against, so an unknown repository costs the
// same MAC as a known one and answers with the same words: nothing tells the two apart.
const NO_SECRET = crypto.randomBytes(32).toString("base64url");

/**
 * Who may start builds through a repository's build webhook: whoever holds its secret (the
 * signature over the raw body, or GitLab's token). No account is involved. A repository that does
 * not exist, is being deleted or has no build settings is refused exactly as a wrong secret is
 * (same status, same message, same work), so the endpoint does not reveal which repositories
 * exist; the audit log, which only the namespace's owners and operators read, records which it was.
 */
export function authorizeBuildHook(
  format: HookFormat,
  headers: Headers,
  body: Uint8Array,
  target: BuildHookTarget | null,
  now: number,
): BuildHookDecision {
  const namespaceId = target?.namespaceId ?? null;
  const pre = format.precheck(headers, now);
  if (!pre.ok) return { ...pre, namespaceId };
  const sealed = target?.webhookSecretEnc ?? null;
  const verified = format.verify(
    headers,
    body,
    sealed ? decryptSecret(sealed, "build-webhook-secret") : NO_SECRET,
    now,
  );
  const message = WRONG[format.source];
  if (!target) return { ok: false, reason: "unknown_repository", message, namespaceId };
  if (!sealed) return { ok: false, reason: "no_build_settings", message, namespaceId };
  return verified ? { ok: true } : { ok: false, reason: format.wrong, message, namespaceId };
}
