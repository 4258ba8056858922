import fs from "node:fs/promises";
import path from "node:path";
import { asBuildUser, type BuildIdentity } from "./build-user";
import { BuildError } from "./errors";
import type { BuildLog } from "./log";
import { runCommand } from "./process";

export type BuildNetwork = "none" | "slirp4netns";

/** Where one build's buildah runs: the repository's own storage (its layer cache) and private config. */
export type BuildahEnv = {
  id: BuildIdentity;
  /** Per-repository cache: `storage/` (images, layers) and `run/` (locks); delete it to clear the cache. */
  cacheDir: string;
  /** This build's private directory owned by the build user (HOME, XDG_RUNTIME_DIR, configs). */
  homeDir: string;
  /** Registries served over plain HTTP on loopback (the console's own front door in tests). */
  insecureRegistries: string[];
  deadline: number;
  signal?: AbortSignal;
  log: BuildLog;
};

const RUNTIME = "/usr/sbin/runc";
const LOOPBACK_HOST = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$/;

export function isLoopbackRegistry(host: string): boolean {
  return LOOPBACK_HOST.test(host);
}

/**
 * Writes the build's registries.conf and the slirp4netns wrapper. Debian's buildah 1.28 starts slirp4netns
 * itself with host loopback reachable at 10.0.2.2 and takes no options for it, so a wrapper first on PATH
 * adds --disable-host-loopback: a RUN step with network reaches the internet but not the host's services.
 */
export async function prepareBuildahHome(env: BuildahEnv): Promise<void> {
  const insecure = env.insecureRegistries
    .map((r) => `[[registry]]\nlocation = ${JSON.stringify(r)}\ninsecure = true\n`)
    .join("\n");
  const conf = `unqualified-search-registries = ["docker.io"]\nshort-name-mode = "permissive"\n\n${insecure}`;
  await fs.writeFile(path.join(env.homeDir, "registries.conf"), conf, { mode: 0o644 });
  await fs.mkdir(path.join(env.homeDir, "bin"), { recursive: true });
  await fs.writeFile(
    path.join(env.homeDir, "bin", "slirp4netns"),
    '#!/bin/sh\nexec /usr/bin/slirp4netns --disable-host-loopback "$@"\n',
    { mode: 0o755 },
  );
  await fs.mkdir(path.join(env.cacheDir, "storage"), { recursive: true });
  await fs.mkdir(path.join(env.cacheDir, "run"), { recursive: true });
}

function processEnv(env: BuildahEnv, authFile?: string): Record<string, string | undefined> {
  return {
    PATH: `${path.join(env.homeDir, "bin")}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin`,
    HOME: env.homeDir,
    XDG_RUNTIME_DIR: env.homeDir,
    XDG_CONFIG_HOME: path.join(env.homeDir, ".config"),
    CONTAINERS_REGISTRIES_CONF: path.join(env.homeDir, "registries.conf"),
    ...(authFile ? { REGISTRY_AUTH_FILE: authFile } : {}),
    LC_ALL: "C",
    TMPDIR: env.homeDir,
    BUILDAH_ISOLATION: "rootless",
  };
}

function globalArgs(env: BuildahEnv): string[] {
  return [
    "--storage-driver",
    "vfs",
    "--root",
    path.join(env.cacheDir, "storage"),
    "--runroot",
    path.join(env.cacheDir, "run"),
  ];
}

export async function buildah(env: BuildahEnv, args: string[], authFile?: string, stream = true) {
  const childEnv = processEnv(env, authFile);
  const [cmd, argv] = asBuildUser(env.id, "buildah", [...globalArgs(env), ...args], childEnv);
  return runCommand(cmd, argv, {
    env: childEnv,
    cwd: env.homeDir,
    deadline: env.deadline,
    signal: env.signal,
    log: stream ? env.log : undefined,
  });
}

export type BudOptions = {
  dockerfile: string;
  contextDir: string;
  tag: string;
  buildArgs: Record<string, string>;
  network: BuildNetwork;
  authFile?: string;
};

/** `buildah bud` rootless (runc, vfs) with the layer cache of the repository's storage. */
export async function bud(env: BuildahEnv, o: BudOptions): Promise<void> {
  const args = [
    "bud",
    "--runtime",
    RUNTIME,
    "--isolation",
    "rootless",
    // "private" is slirp4netns for rootless buildah; the wrapper above removes host loopback from it.
    "--network",
    o.network === "slirp4netns" ? "private" : "none",
    "--layers",
    "--format",
    "oci",
    "-f",
    o.dockerfile,
    "-t",
    o.tag,
  ];
  for (const [k, v] of Object.entries(o.buildArgs)) args.push("--build-arg", `${k}=${v}`);
  args.push(o.contextDir);
  env.log.engine(`buildah bud -f ${o.dockerfile} (network ${o.network}, layer cache on)`);
  const r = await buildah(env, args, o.authFile);
  if (r.code !== 0) {
    throw new BuildError("build_failed", `The build failed: ${lastError(r.stderr, r.code)}`);
  }
}

/** The tool's own error line (buildah ends with "Error: …"; warnings may follow it). */
export function lastError(stderr: string, code: number): string {
  const lines = stderr.trim().split("\n").filter(Boolean);
  const error = lines.filter((l) => l.startsWith("Error: ")).pop() ?? lines.pop() ?? `exit ${code}`;
  return error.replace(/^Error:\s*/, "").slice(0, 1000);
}

/** Removes working containers a killed build left in the repository's storage (keeps cached layers). */
export async function removeLeftoverContainers(env: BuildahEnv): Promise<void> {
  await buildah({ ...env, signal: undefined, deadline: Date.now() + 60_000 }, ["rm", "--all"], undefined, false).catch(
    () => undefined,
  );
}
