export type JobQueue = "webhook-delivery" | "email" | "retention-run" | "build";

export type ClaimedJob = {
  id: string;
  queue: JobQueue;
  payload: Record<string, unknown>;
  attempts: number;
  maxAttempts: number;
  lockedBy: string;
};

/** What a job handler decided: finished, try again after a delay, or give up. */
export type JobOutcome =
  { kind: "done" } | { kind: "retry"; delayMs: number; error: string } | { kind: "fail"; error: string };

/** Exponential backoff: base, 2×base, 4×base, … capped at one hour. */
export function backoffMs(baseMs: number, attempt: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempt - 1), 3_600_000);
}
