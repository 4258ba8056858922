import { SIGNATURE_HEADER, verifySignature } from "@/lib/webhooks/signature";
import { genericPushSchema } from "@/lib/validations/build-hook";
import { parsePayload } from "./parse";
import { isZeroSha, type HookFormat } from "./types";

/** How old (or how far ahead) a generic call's timestamp may be: replays after that are refused. */
export const GENERIC_TOLERANCE_SECONDS = 300;

const header = (h: Headers) => h.get(SIGNATURE_HEADER) ?? "";
const timestampOf = (value: string) => Number(/(?:^|,)\s*t=(\d+)/.exec(value)?.[1] ?? NaN);

/**
 * Dockyard's own format for any other sender: a JSON body `{"ref": "refs/heads/main", "sha":
 * "<40 hex>"}` signed as Dockyard signs its outgoing webhooks (lib/webhooks/signature.ts):
 * `X-Dockyard-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`, the
 * timestamp within 5 minutes. Also the format of a request no host header names, so a call
 * without any signature is told every header it could have sent.
 */
export const generic: HookFormat = {
  source: "generic",
  matches: () => true,
  precheck: (h, now) => {
    if (!header(h))
      return {
        ok: false,
        reason: "missing_signature",
        message:
          "No signature: send X-Hub-Signature-256 (GitHub), X-Gitlab-Token (GitLab), X-Gitea-Signature (Gitea, Forgejo) or X-Dockyard-Signature.",
      };
    const t = timestampOf(header(h));
    if (!Number.isSafeInteger(t) || Math.abs(now / 1000 - t) > GENERIC_TOLERANCE_SECONDS)
      return {
        ok: false,
        reason: "stale_timestamp",
        message: `X-Dockyard-Signature's timestamp t= is missing or more than ${GENERIC_TOLERANCE_SECONDS / 60} minutes from now.`,
      };
    return { ok: true };
  },
  // The MAC is over the body's UTF-8 text; bytes that are not UTF-8 do not survive decoding and fail.
  verify: (h, body, secret, now) =>
    verifySignature(secret, Buffer.from(body).toString("utf8"), header(h), GENERIC_TOLERANCE_SECONDS, now),
  event: () => ({ kind: "push" }),
  push: (json) => {
    const p = parsePayload(genericPushSchema, json, "generic");
    return { ref: p.ref, sha: p.sha, deleted: isZeroSha(p.sha) };
  },
  wrong: "wrong_signature",
};
