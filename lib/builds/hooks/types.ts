/**
 * The Git-host push webhooks that start builds (issue 23), without the database: each format
 * (github.ts, gitlab.ts, gitea.ts, generic.ts) says from its headers whether a request is its
 * own, checks its signature or token over the raw body, and reads the pushed ref and commit from
 * the JSON. lib/authz/build-hook.ts decides with them; lib/services/build/trigger-from-hook.ts acts.
 */

export const HOOK_SOURCES = ["github", "gitlab", "gitea", "generic"] as const;
export type HookSource = (typeof HOOK_SOURCES)[number];

/** Why a call was refused, as the audit log records it (metadata.reason). */
export type HookRefusal =
  "missing_signature" | "wrong_signature" | "stale_timestamp" | "missing_token" | "wrong_token" | "builds_disabled";

/** What a verified call asks for: a push (a branch or tag moved), a ping, or an event we do not build on. */
export type HookEvent = { kind: "push" } | { kind: "ping" } | { kind: "unsupported"; name: string };

/** A push as every format reduces to it: the full ref (refs/heads/…, refs/tags/…) and the commit. */
export type HookPush = { ref: string; sha: string; deleted: boolean };

/** Decided from the headers alone, before the repository or its secret is looked at. */
export type HookPrecheck = { ok: true } | { ok: false; reason: HookRefusal; message: string };

export type HookFormat = {
  source: HookSource;
  /** Whether the request is in this format, by its headers. */
  matches(h: Headers): boolean;
  /** A missing signature or a stale timestamp: refused whatever the secret. */
  precheck(h: Headers, now: number): HookPrecheck;
  /** Whether the signature or token over the raw body is the one `secret` makes (constant time). */
  verify(h: Headers, body: Uint8Array, secret: string, now: number): boolean;
  /** What the (verified) request is about. */
  event(h: Headers): HookEvent;
  /** The push in a parsed body (ValidationError when it is not one). */
  push(json: unknown): HookPush;
  /** The reason a failed verify is recorded with. */
  wrong: HookRefusal;
};

/** The all-zero object name a host sends as the new commit of a deleted branch or tag. */
export const isZeroSha = (sha: string) => /^0+$/.test(sha);
