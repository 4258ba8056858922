import { CONSOLE_SUBJECT } from "@/lib/registry/subject";
import type { PullRateLimit } from "@/lib/validations/site-settings";

/**
 * Who a pull is counted against, and how many the window allows, in Docker Hub's shape: a
 * signed-in account by its name (every client and address together), an anonymous client by its
 * address. Pure: the front door supplies the principal and the count (lib/front-door/pull-rate-limit.ts).
 */
export type Puller = { username: string } | { address: string };

export type PullAllowance = { key: string; max: number; windowSeconds: number; anonymous: boolean };

/** Null when pulls are not limited (the setting is off, or a console reading its own registry). */
export function pullAllowance(setting: PullRateLimit | null, puller: Puller): PullAllowance | null {
  // The console reading its own registry (describing a push, reconciling) is never limited.
  if (!setting || ("username" in puller && puller.username === CONSOLE_SUBJECT)) return null;
  return "username" in puller
    ? {
        key: `pull:user:${puller.username}`,
        max: setting.authenticated,
        windowSeconds: setting.windowSeconds,
        anonymous: false,
      }
    : {
        key: `pull:ip:${puller.address}`,
        max: setting.anonymous,
        windowSeconds: setting.windowSeconds,
        anonymous: true,
      };
}

export type PullVerdict = { allowed: boolean; remaining: number; resetSeconds: number };

/** After the count is taken: allowed while within `max`; what is left is never below 0. */
export function pullVerdict(allowance: PullAllowance, count: number, resetSeconds: number): PullVerdict {
  return { allowed: count <= allowance.max, remaining: Math.max(0, allowance.max - count), resetSeconds };
}
