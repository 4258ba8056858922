/**
 * The messages between the web server (which runs garbage collection: lib/jobs/registry-gc.ts) and
 * the start command (scripts/console.ts, which owns the registry process), over the IPC channel the
 * web server already has for its start-up progress.
 *
 * Why IPC and not the database: which registry process the door talks to is a fact of this one
 * console (a second console on the same database has its own registry), and the door must have
 * switched before the old process stops — a request/answer pair says exactly that, where a row
 * plus a notification could only say "soon".
 */
export type MaintenanceOp =
  /** Starts a read-only registry on a second loopback port, beside the read-write one; answers its URL. */
  | "start-standby"
  /** Stops the read-write registry, then runs `garbage-collect` (never --delete-untagged). */
  | "collect"
  /** Starts the read-write registry again on its own port; answers its URL. */
  | "restart-primary"
  /** Stops the read-only one, once the door no longer sends it anything. */
  | "stop-standby"
  /** Back to normal from wherever a failed run stopped: read-write registry running, no standby. */
  | "abort";

export type CollectResult = {
  bytesBefore: number;
  bytesAfter: number;
  blobsBefore: number;
  blobsRemoved: number;
  /** The digests whose blob files the sweep deleted (the index forgets them: lib/services/storage/forget-collected.ts). */
  removedDigests: string[];
  log: string;
  exitCode: number | null;
};

export type MaintenanceRequest = { type: "registry-maintenance"; id: number; op: MaintenanceOp };
export type MaintenanceReply =
  | { type: "registry-maintenance-reply"; id: number; ok: true; url?: string; collected?: CollectResult }
  | { type: "registry-maintenance-reply"; id: number; ok: false; error: string };

/** The most of garbage-collect's output a run keeps: its tail, where errors are. */
export const GC_LOG_LIMIT = 64 * 1024;

export function isMaintenanceRequest(m: unknown): m is MaintenanceRequest {
  return typeof m === "object" && m !== null && (m as { type?: unknown }).type === "registry-maintenance";
}

export function isMaintenanceReply(m: unknown): m is MaintenanceReply {
  return typeof m === "object" && m !== null && (m as { type?: unknown }).type === "registry-maintenance-reply";
}
