import { giteaPushSchema } from "@/lib/validations/build-hook";
import { hexMacEquals, hmacHex } from "./mac";
import { parsePayload } from "./parse";
import { isZeroSha, type HookFormat } from "./types";

// Forgejo sends its own headers and, for compatibility, Gitea's; either is read.
const header = (h: Headers, suffix: string) => h.get(`x-forgejo-${suffix}`) ?? h.get(`x-gitea-${suffix}`);

/**
 * Gitea and Forgejo: `X-Gitea-Event: push` (or X-Forgejo-Event), signed with `X-Gitea-Signature`
 * (or X-Forgejo-Signature) = hex HMAC-SHA256(secret, raw body). They also send GitHub's event
 * header, so this format is recognised before GitHub's.
 */
export const gitea: HookFormat = {
  source: "gitea",
  matches: (h) => h.has("x-gitea-event") || h.has("x-forgejo-event"),
  precheck: (h) =>
    header(h, "signature")
      ? { ok: true }
      : {
          ok: false,
          reason: "missing_signature",
          message: "X-Gitea-Signature is missing: set the webhook's secret on Gitea or Forgejo.",
        },
  verify: (h, body, secret) => hexMacEquals(header(h, "signature") ?? "", hmacHex(secret, body)),
  event: (h) => {
    const name = header(h, "event") ?? "";
    return name === "push" ? { kind: "push" } : { kind: "unsupported", name };
  },
  push: (json) => {
    const p = parsePayload(giteaPushSchema, json, "Gitea");
    return { ref: p.ref, sha: p.head_commit?.id ?? p.after, deleted: p.deleted === true || isZeroSha(p.after) };
  },
  wrong: "wrong_signature",
};
