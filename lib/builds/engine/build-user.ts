import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import { promisify } from "node:util";
import { BuildError } from "./errors";

const exec = promisify(execFile);

export const DEFAULT_BUILD_USER = "dockyard-build";

/** Who runs buildah: as root the console drops to the build user with runuser; otherwise it is the user. */
export type BuildIdentity = { user: string; uid: number; gid: number; asRoot: boolean };

export async function buildIdentity(user = DEFAULT_BUILD_USER): Promise<BuildIdentity> {
  const asRoot = process.getuid?.() === 0;
  if (!asRoot) return { user: "", uid: process.getuid?.() ?? -1, gid: process.getgid?.() ?? -1, asRoot };
  try {
    const uid = Number((await exec("id", ["-u", user])).stdout.trim());
    const gid = Number((await exec("id", ["-g", user])).stdout.trim());
    return { user, uid, gid, asRoot };
  } catch {
    throw new BuildError("build_failed", `The build user "${user}" does not exist (the start command creates it).`);
  }
}

/**
 * The argv that runs a command as the build user (unchanged when the console already is it). runuser resets
 * HOME and friends from passwd, so the environment is set again with `env` after the switch (no secrets in it:
 * credentials travel in files).
 */
export function asBuildUser(
  id: BuildIdentity,
  cmd: string,
  args: string[],
  env: Record<string, string | undefined>,
): [string, string[]] {
  if (!id.asRoot) return [cmd, args];
  const assignments = Object.entries(env).flatMap(([k, v]) => (v === undefined ? [] : [`${k}=${v}`]));
  return ["runuser", ["-u", id.user, "--", "env", "-i", ...assignments, cmd, ...args]];
}

/** Hands a directory tree to the build user (rootless buildah must read the context and write its storage). */
export async function giveToBuildUser(id: BuildIdentity, ...dirs: string[]): Promise<void> {
  if (!id.asRoot) return;
  for (const dir of dirs) await exec("chown", ["-R", `${id.uid}:${id.gid}`, dir]);
}

/** Creates a directory owned by the build user, mode 0700. */
export async function buildUserDir(id: BuildIdentity, dir: string): Promise<string> {
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  if (id.asRoot) await fs.chown(dir, id.uid, id.gid);
  return dir;
}
