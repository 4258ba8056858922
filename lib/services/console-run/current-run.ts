import "server-only";
import crypto from "node:crypto";
import os from "node:os";

/**
 * This process's run (its console_runs row), shared by the verbs in this folder. On globalThis:
 * the web server and Next's bundles may each load these modules.
 */
export type CurrentRun = {
  id: string;
  hostname: string;
  pid: number;
  /** Repositories recorded (or being recorded) for this run: each is written once per run. */
  touched: Map<string, Promise<void>>;
  /** The heartbeat under way, which a clean end waits for so it cannot bring the row back. */
  beating: Promise<unknown> | null;
  ended: boolean;
};

const holder = globalThis as unknown as { __consoleRun?: CurrentRun };

export function currentRun(): CurrentRun | null {
  return holder.__consoleRun ?? null;
}

/** This process's run, made (in memory only) on first use. */
export function ensureCurrentRun(): CurrentRun {
  holder.__consoleRun ??= {
    id: crypto.randomUUID(),
    hostname: os.hostname(),
    pid: process.pid,
    touched: new Map(),
    beating: null,
    ended: false,
  };
  return holder.__consoleRun;
}
