import type { IncomingMessage } from "node:http";
import { pullAllowance, pullVerdict, type Puller } from "@/lib/authz/rules/pull-rate-limit";
import { getSiteSetting } from "@/lib/data/site-settings";
import type { PullRateLimit } from "@/lib/validations/site-settings";
import type { RegistryError } from "@/lib/http/registry-errors";
import { verifyRegistryToken } from "@/lib/registry/token-verifier";
import { peekSlot, takeCountedSlot } from "@/lib/services/rate-limit/consume";
import { formatDuration } from "@/lib/format";

/**
 * Pull rate limits at the door (Admin → Site settings; off by default). A pull is a manifest GET;
 * HEAD is free, as on Docker Hub. Counted in PostgreSQL, one atomic upsert per pull, so the limit
 * holds across console processes and however many pulls arrive at once.
 */
export type PullLimitOutcome = { refuse?: RegistryError; headers: Record<string, string> };

// The setting is read at most once per SETTING_TTL_MS per process: a pull should not cost a
// settings query, and an operator's change reaches every console within that time.
const SETTING_TTL_MS = 5_000;
let cached: { value: PullRateLimit | null; at: number } | undefined;

async function currentSetting(): Promise<PullRateLimit | null> {
  if (cached && Date.now() - cached.at < SETTING_TTL_MS) return cached.value;
  cached = { value: await getSiteSetting("registry.pull_rate_limit"), at: Date.now() };
  return cached.value;
}

/** Forgets the cached setting (tests, and the process that saved a change). */
export function forgetPullLimitSetting(): void {
  cached = undefined;
}

/**
 * A manifest GET takes one pull (refused past the limit); a HEAD takes none and is never refused,
 * but carries the same headers, so `curl -I` tells a client how many pulls it has left.
 */
export async function checkPullRateLimit(req: IncomingMessage, clientAddress: string): Promise<PullLimitOutcome> {
  const setting = await currentSetting();
  if (!setting) return { headers: {} };
  const puller = pullerOf(req, clientAddress);
  // No valid token: the registry answers 401 and nothing is served, so nothing is counted.
  if (!puller) return { headers: {} };
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

function pullerOf(req: IncomingMessage, clientAddress: string): Puller | null {
  const auth = req.headers.authorization;
  if (!auth?.startsWith("Bearer ")) return null;
  const token = verifyRegistryToken(auth.slice(7));
  if (!token) return null;
  return token.subject ? { username: token.subject } : { address: clientAddress };
}
