import { execFile, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/**
 * A docker engine of the test's own (Debian's docker.io), on its own socket and directories, so
 * tests drive the real docker CLI through the console: `docker login`, `build`, `push`, `pull`.
 * No iptables, no bridge (build and run with `--network none`) and the vfs storage driver: what
 * works in this unprivileged sandbox. 127.0.0.0/8 registries may be plain HTTP by docker's default.
 */
export type DockerDaemon = {
  /** Runs the docker CLI against this engine with its own config dir (logins stay in the test). */
  docker: (args: string[], opts?: { input?: string; env?: Record<string, string> }) => Promise<DockerResult>;
  /** An image `base:1` holding a static busybox as /bin/sh, for Dockerfiles that RUN something. */
  ensureBaseImage: () => Promise<string>;
  dir: string;
  stop: () => Promise<void>;
};

export type DockerResult = { code: number; stdout: string; stderr: string };

export async function startDockerDaemon(): Promise<DockerDaemon> {
  // Short: a unix socket path must stay under 108 bytes.
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "dk-"));
  const socket = path.join(dir, "docker.sock");
  const child: ChildProcess = spawn(
    "dockerd",
    [
      "--iptables=false",
      "--ip6tables=false",
      "--bridge=none",
      "--storage-driver=vfs",
      `--data-root=${path.join(dir, "data")}`,
      `--exec-root=${path.join(dir, "exec")}`,
      `--pidfile=${path.join(dir, "docker.pid")}`,
      `-H`,
      `unix://${socket}`,
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let log = "";
  child.stdout!.on("data", (d: Buffer) => (log += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (log += d.toString()));
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  const baseEnv = { ...process.env, DOCKER_HOST: `unix://${socket}`, DOCKER_CONFIG: path.join(dir, "config") };

  const docker: DockerDaemon["docker"] = (args, opts = {}) =>
    new Promise((resolve) => {
      const p = spawn("docker", args, { env: { ...baseEnv, ...opts.env } });
      let stdout = "";
      let stderr = "";
      p.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
      p.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
      p.once("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
      p.stdin.end(opts.input ?? "");
    });

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
    await exited;
    clearTimeout(timer);
    await fs.rm(dir, { recursive: true, force: true }).catch(() => {});
  };

  const deadline = Date.now() + 30_000;
  for (;;) {
    const v = await docker(["version", "--format", "{{.Server.Version}}"]);
    if (v.code === 0) break;
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`dockerd did not start:\n${log}\n${v.stderr}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }

  let base: Promise<string> | undefined;
  const ensureBaseImage = () =>
    (base ??= (async () => {
      const rootfs = path.join(dir, "rootfs");
      await fs.mkdir(path.join(rootfs, "bin"), { recursive: true });
      await fs.copyFile("/bin/busybox", path.join(rootfs, "bin", "busybox"));
      await fs.symlink("busybox", path.join(rootfs, "bin", "sh"));
      const tar = path.join(dir, "rootfs.tar");
      await run("tar", ["-C", rootfs, "-cf", tar, "."]);
      const r = await docker(["import", tar, "base:1"]);
      if (r.code !== 0) throw new Error(`docker import failed: ${r.stderr}`);
      return "base:1";
    })());

  return { docker, ensureBaseImage, dir, stop };
}
