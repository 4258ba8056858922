import { spawn } from "node:child_process";
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

const GRACE_MS = 2000;

/**
 * Runs a command in its own process group and kills the whole group on timeout or cancel: buildah forks
 * into a user namespace and runc starts the RUN step's processes, and none of them may outlive the build.
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
      killGroup("SIGTERM");
      setTimeout(() => killGroup("SIGKILL"), GRACE_MS).unref();
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
