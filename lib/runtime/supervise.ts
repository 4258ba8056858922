import type { ChildProcess } from "node:child_process";

/** More unexpected exits than this within CRASH_WINDOW_MS and restarting is not going to help. */
export const CRASH_LIMIT = 5;
export const CRASH_WINDOW_MS = 60_000;
/** A pause before a restart, so a process that dies at once does not spin the CPU. */
const RESTART_DELAY_MS = 500;

export type Supervised = { child: ChildProcess };
export type Supervisor<T> = {
  current: () => T;
  stop: () => Promise<void>;
  /**
   * Stops the current process on purpose (garbage collection needs the registry stopped): its
   * exit is neither a crash nor restarted, until `resume()` starts a fresh one.
   */
  pause: () => Promise<void>;
  /** Starts a fresh process after `pause()` (a no-op when not paused), watched as the first was. */
  resume: () => Promise<T>;
};

export type SuperviseOptions<T extends Supervised> = {
  /** Starts a fresh process; resolves once it is started (the caller decides what "started" means). */
  start: () => Promise<T>;
  /** Stops one (the current one on `stop()`, or one whose start finished after `stop()` began). */
  stop: (t: T) => Promise<void>;
  /** True while the console is shutting down: an exit then is expected, and nothing restarts. */
  stopping: () => boolean;
  /** An unexpected exit: `how` is the signal or `code N`; `restarting` is false when it gives up. */
  onExit: (how: string, restarting: boolean, exited: T) => void;
  onRestarted: (next: T) => void;
  /** Restarting stopped: a crash loop, or `start` failed. The console stops as a whole. */
  onGiveUp: (why: string) => void;
};

/**
 * The start command's one restart policy for its children (the registry, the web server): an exit
 * it did not ask for is restarted after a short pause, and more than CRASH_LIMIT exits within a
 * minute means something is broken that a restart will not fix (a bad binary, a full disk), so it
 * gives up rather than loop. The sliding window forgets old crashes: a process that crashes once a
 * day is restarted forever.
 */
export function supervise<T extends Supervised>(first: T, opts: SuperviseOptions<T>): Supervisor<T> {
  let current = first;
  let pending: Promise<T | null> | null = null;
  let paused = false;
  const crashed = crashCounter();

  const watch = (t: T) => {
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      // Paused: the exit was asked for. A process replaced since (resume) is no longer watched.
      if (opts.stopping() || paused || t !== current) return;
      const restarting = !crashed(Date.now());
      opts.onExit(signal ?? `code ${code}`, restarting, t);
      if (!restarting) return opts.onGiveUp(`crashed more than ${CRASH_LIMIT} times in a minute`);
      setTimeout(restart, RESTART_DELAY_MS);
    };
    // An exit before this listener existed (the process died during `start`) counts all the same.
    if (t.child.exitCode !== null || t.child.signalCode !== null) onExit(t.child.exitCode, t.child.signalCode);
    else t.child.once("exit", onExit);
  };

  const restart = () => {
    if (opts.stopping() || paused) return;
    pending = opts.start().then(
      (next) => {
        pending = null;
        current = next;
        // Started while the console began stopping: stop() may already have stopped the old one.
        if (opts.stopping()) return next;
        watch(next);
        opts.onRestarted(next);
        return next;
      },
      (err: unknown) => {
        pending = null;
        opts.onGiveUp(`could not be restarted (${err instanceof Error ? err.message : String(err)})`);
        return null;
      },
    );
  };

  watch(first);
  return {
    current: () => current,
    // A restart under way is waited for, so its process is not left running after the console exits.
    stop: async () => {
      await pending;
      await opts.stop(current);
    },
    pause: async () => {
      await pending;
      paused = true;
      await opts.stop(current);
    },
    resume: async () => {
      await pending;
      if (!paused) return current;
      const next = await opts.start();
      paused = false;
      current = next;
      watch(next);
      return next;
    },
  };
}

/** Records one crash at `now`; true when that makes more than CRASH_LIMIT within CRASH_WINDOW_MS. */
export function crashCounter(limit = CRASH_LIMIT, windowMs = CRASH_WINDOW_MS): (now: number) => boolean {
  const crashes: number[] = [];
  return (now) => {
    crashes.push(now);
    while (crashes.length > 0 && now - crashes[0]! > windowMs) crashes.shift();
    return crashes.length > limit;
  };
}
