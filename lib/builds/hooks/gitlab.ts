import { ValidationError } from "@/lib/errors";
import { safeEqual } from "@/lib/http/secrets";
import { gitlabPushSchema } from "@/lib/validations/build-hook";
import { parsePayload } from "./parse";
import { isZeroSha, type HookFormat } from "./types";

const TOKEN = "x-gitlab-token";
const PUSH_EVENTS = ["Push Hook", "Tag Push Hook"];

/**
 * GitLab: `X-Gitlab-Event: Push Hook` or `Tag Push Hook`, authenticated by the secret itself in
 * `X-Gitlab-Token` (GitLab does not sign bodies), compared in constant time.
 */
export const gitlab: HookFormat = {
  source: "gitlab",
  matches: (h) => h.has("x-gitlab-event"),
  precheck: (h) =>
    h.get(TOKEN)
      ? { ok: true }
      : {
          ok: false,
          reason: "missing_token",
          message: "X-Gitlab-Token is missing: set the webhook's secret token on GitLab.",
        },
  verify: (h, _body, secret) => safeEqual(h.get(TOKEN) ?? "", secret),
  event: (h) => {
    const name = h.get("x-gitlab-event") ?? "";
    return PUSH_EVENTS.includes(name) ? { kind: "push" } : { kind: "unsupported", name };
  },
  push: (json) => {
    const p = parsePayload(gitlabPushSchema, json, "GitLab");
    const deleted = p.after !== undefined && isZeroSha(p.after);
    const sha = p.checkout_sha ?? p.after;
    if (!sha) throw new ValidationError("Not a GitLab push payload", { checkout_sha: ["Required"] });
    return { ref: p.ref, sha, deleted };
  },
  wrong: "wrong_token",
};
