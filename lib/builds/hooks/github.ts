import { githubPushSchema } from "@/lib/validations/build-hook";
import { hexMacEquals, hmacHex } from "./mac";
import { parsePayload } from "./parse";
import { isZeroSha, type HookFormat } from "./types";

const SIGNATURE = "x-hub-signature-256";

/**
 * GitHub: `X-GitHub-Event: push` (or `ping` when the webhook is created), signed with
 * `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(secret, raw body)>`.
 */
export const github: HookFormat = {
  source: "github",
  matches: (h) => h.has("x-github-event"),
  precheck: (h) =>
    h.get(SIGNATURE)
      ? { ok: true }
      : {
          ok: false,
          reason: "missing_signature",
          message: "X-Hub-Signature-256 is missing: set the webhook's secret on GitHub.",
        },
  verify: (h, body, secret) => {
    const given = h.get(SIGNATURE) ?? "";
    return given.startsWith("sha256=") && hexMacEquals(given.slice(7), hmacHex(secret, body));
  },
  event: (h) => {
    const name = h.get("x-github-event") ?? "";
    return name === "push" ? { kind: "push" } : name === "ping" ? { kind: "ping" } : { kind: "unsupported", name };
  },
  push: (json) => {
    const p = parsePayload(githubPushSchema, json, "GitHub");
    const sha = p.head_commit?.id ?? p.after;
    return { ref: p.ref, sha, deleted: p.deleted === true || isZeroSha(p.after) };
  },
  wrong: "wrong_signature",
};
