import type { IncomingMessage } from "node:http";
import { pullAllowance, pullVerdict, type Puller } from "@/lib/authz/rules/pull-rate-limit";
import { getSiteSettingForRequests } from "@/lib/data/site-settings";
import type { RegistryError } from "@/lib/http/registry-errors";
import { tokenGrants, type VerifiedToken } from "@/lib/registry/token-verifier";
import { peekSlot, takeCountedSlot } from "@/lib/services/rate-limit/consume";
import { formatDuration } from "@/lib/format";

/**
 * Pull rate limits at the door (Admin → Site settings; off by default). A pull is a manifest GET;
 * HEAD is free, as on Docker Hub. Counted in PostgreSQL, one atomic upsert per pull, so the limit
 * holds across console processes and however many pulls arrive at once.
 */
export type PullLimitOutcome = { refuse?: RegistryError; headers: Record<string, string> };

/**
 * A manifest GET takes one pull (refused past the limit); a HEAD takes none and is never refused,
 * but carries the same headers, so `curl -I` tells a client how many pulls it has left.
 */
export async function checkPullRateLimit(
  req: IncomingMessage,
  repository: string,
  token: VerifiedToken | null,
  clientAddress: string,
): Promise<PullLimitOutcome> {
  const setting = await getSiteSettingForRequests("registry.pull_rate_limit");
  if (!setting) return { headers: {} };
  // No valid token granting a pull of this repository: the registry refuses it and serves nothing,
  // so nothing is counted.
  if (!token || !tokenGrants(token, repository, "pull")) return { headers: {} };
  const puller: Puller = token.subject ? { username: token.subject } : { address: clientAddress };
  const allowance = pullAllowance(setting, puller);
  if (!allowance) return { headers: {} };
  const slot = { key: allowance.key, max: allowance.max, windowSeconds: allowance.windowSeconds, message: "" };
  const isPull = req.method === "GET";
  const { count, resetSeconds } = isPull ? await takeCountedSlot(slot) : await peekSlot(slot);
  const verdict = pullVerdict(allowance, count, resetSeconds);
  const headers = {
    "ratelimit-limit": `${allowance.max};w=${allowance.windowSeconds}`,
    "ratelimit-remaining": `${verdict.remaining};w=${allowance.windowSeconds}`,
  };
  if (verdict.allowed || !isPull) return { headers };
  const per = formatDuration(allowance.windowSeconds);
  const wait = formatDuration(verdict.resetSeconds);
  const message = allowance.anonymous
    ? `You have reached the pull rate limit for anonymous pulls (${allowance.max} per ${per} per address). Try again in ${wait}, or log in (docker login) for a higher limit.`
    : `You have reached your pull rate limit (${allowance.max} per ${per}). Try again in ${wait}.`;
  return {
    headers,
    refuse: {
      status: 429,
      code: "TOOMANYREQUESTS",
      message,
      headers: { ...headers, "retry-after": String(verdict.resetSeconds) },
    },
  };
}
