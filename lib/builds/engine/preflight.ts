import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import { promisify } from "node:util";
import { DEFAULT_BUILD_USER } from "./build-user";

const exec = promisify(execFile);

/** What a build needs on this machine, with the Debian package that brings each tool. */
const TOOLS = [
  { path: "/usr/bin/buildah", package: "buildah" },
  { path: "/usr/sbin/runc", package: "runc" },
  { path: "/usr/bin/newuidmap", package: "uidmap" },
  { path: "/usr/bin/slirp4netns", package: "slirp4netns" },
  { path: "/usr/bin/git", package: "git" },
];

export type BuildHostCheck = { ready: boolean; missing: string[]; buildah: string | null };

/**
 * Whether this machine can run builds: the tools, and (when the console runs as root, as the start
 * command does) the build user with a subordinate id range for its user namespace. What is missing
 * is named, so an operator who enables builds sees why they would fail and what installs it. Builds
 * ask without `version` (the admin page shows it): a build need not start a buildah process for it.
 */
export async function checkBuildHost(opts: { version?: boolean; user?: string } = {}): Promise<BuildHostCheck> {
  const user = opts.user ?? DEFAULT_BUILD_USER;
  const missing: string[] = [];
  for (const t of TOOLS) {
    if (
      !(await fs.access(t.path).then(
        () => true,
        () => false,
      ))
    )
      missing.push(`${t.path} (package ${t.package})`);
  }
  if (process.getuid?.() === 0) {
    const exists = await exec("id", ["-u", user]).then(
      () => true,
      () => false,
    );
    if (!exists) missing.push(`the build user ${user}`);
    else {
      const subuid = await fs.readFile("/etc/subuid", "utf8").catch(() => "");
      if (!subuid.split("\n").some((l) => l.startsWith(`${user}:`)))
        missing.push(`subordinate ids for ${user} (/etc/subuid)`);
    }
  }
  const buildah =
    opts.version === false || missing.some((m) => m.startsWith("/usr/bin/buildah"))
      ? null
      : await exec("/usr/bin/buildah", ["--version"]).then(
          (r) => r.stdout.trim(),
          () => null,
        );
  return { ready: missing.length === 0, missing, buildah };
}
