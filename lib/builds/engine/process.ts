import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { BuildError } from "./errors";
import type { BuildLog } from "./log";

export type RunOptions = {
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** Absolute deadline (Date.now() ms) shared by every step of one build. */
  deadline: number;
  signal?: AbortSignal;
  /** Stream output to the build log; without it output is only collected. */
  log?: BuildLog;
  /** Bytes of stdout/stderr kept for error classification (the tail). */
  keepBytes?: number;
};

export type RunResult = { code: number; stdout: string; stderr: string };

/** Every live descendant of a process, read from /proc (Linux). */
export function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSafe("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    } catch {
      continue;
    }
    // "pid (comm) state ppid …": comm may hold spaces and parentheses, so parse after the last ")".
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    const list = children.get(ppid) ?? [];
    list.push(pid);
    children.set(ppid, list);
  }
  const out: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    for (const c of children.get(queue.shift()!) ?? []) {
      out.push(c);
      queue.push(c);
    }
  }
  return out;
}

/**
 * runc's container init calls setsid, so a RUN step's processes leave our process group. The tree is frozen
 * first (SIGSTOP, until no new descendant appears: a stopped process cannot fork, a fork in flight shows up
 * in the next pass), then killed; killing at once would orphan a child forked meanwhile to init.
 */
export function killTree(root: number): void {
  const seen = new Set<number>([root]);
  signal(root, "SIGSTOP");
  for (let pass = 0; pass < 50; pass++) {
    const fresh = descendants(root).filter((pid) => !seen.has(pid));
    if (fresh.length === 0) break;
    for (const pid of fresh) {
      seen.add(pid);
      signal(pid, "SIGSTOP");
    }
  }
  for (const pid of seen) signal(pid, "SIGKILL");
}

/**
 * Kills every process whose command line mentions `marker`, with its whole tree: what a build left
 * running when its console process was killed (buildah is then re-parented, and runs on with its
 * RUN step). The marker is the build's own working directory, which only its processes name.
 */
export function killProcessesMentioning(marker: string): number {
  let killed = 0;
  for (const entry of readdirSafe("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    let cmdline: string;
    try {
      cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ");
    } catch {
      continue;
    }
    if (!cmdline.includes(marker)) continue;
    killTree(pid);
    killed++;
  }
  return killed;
}

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // Already gone.
  }
}

/**
 * Runs a command in its own process group and, on timeout or cancel, kills the group and every descendant:
 * buildah forks into a user namespace and runc starts the RUN step's processes, none of which may outlive
 * the build. (SIGKILL at once: the working container buildah leaves is removed by the caller.)
 */
export function runCommand(cmd: string, args: string[], opts: RunOptions): Promise<RunResult> {
  const keep = opts.keepBytes ?? 64 * 1024;
  return new Promise((resolve, reject) => {
    if (opts.signal?.aborted) return reject(new BuildError("cancelled", "The build was cancelled."));
    const child = spawn(cmd, args, {
      env: opts.env as NodeJS.ProcessEnv | undefined,
      cwd: opts.cwd,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    let stopped: BuildError | null = null;
    const tail = (acc: string, chunk: string) => (acc + chunk).slice(-keep);
    child.stdout.setEncoding("utf8").on("data", (c: string) => {
      stdout = tail(stdout, c);
      opts.log?.write("stdout", c);
    });
    child.stderr.setEncoding("utf8").on("data", (c: string) => {
      stderr = tail(stderr, c);
      opts.log?.write("stderr", c);
    });

    const killGroup = (sig: NodeJS.Signals) => {
      try {
        if (child.pid) process.kill(-child.pid, sig);
      } catch {
        // Already gone.
      }
    };
    const stop = (err: BuildError) => {
      if (stopped) return;
      stopped = err;
      if (child.pid) killTree(child.pid);
      killGroup("SIGKILL");
    };
    const timer = setTimeout(
      () => stop(new BuildError("timeout", "The build ran past its time limit and was stopped.")),
      Math.max(0, opts.deadline - Date.now()),
    );
    const onAbort = () => stop(new BuildError("cancelled", "The build was cancelled."));
    opts.signal?.addEventListener("abort", onAbort, { once: true });

    child.on("error", (err) => {
      clearTimeout(timer);
      opts.signal?.removeEventListener("abort", onAbort);
      reject(new BuildError("build_failed", `Could not start ${cmd}: ${err.message}`));
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      opts.signal?.removeEventListener("abort", onAbort);
      // The leader exited; make sure no member of its group (a RUN step's process) lingers.
      killGroup("SIGKILL");
      if (stopped) return reject(stopped);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}
