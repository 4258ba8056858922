import { execFileSync } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";
import { runBuild } from "@/lib/builds/engine";

/** git in a directory, as a fixed test author. */
export function gitSh(cwd: string, ...args: string[]): string {
  return execFileSync("git", args, {
    cwd,
    encoding: "utf8",
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: "t",
      GIT_AUTHOR_EMAIL: "t@e.test",
      GIT_COMMITTER_NAME: "t",
      GIT_COMMITTER_EMAIL: "t@e.test",
    },
  }).trim();
}

export type ServedRepo = {
  work: string;
  /** Writes files, commits them on `branch` and pushes; returns the commit. */
  commit: (files: Record<string, string | Buffer>, branch?: string) => Promise<string>;
};

/** A bare repository `<root>/served/<name>.git` (served by the git http-backend harness) and a work tree pushing to it. */
export async function servedRepo(root: string, name: string): Promise<ServedRepo> {
  const work = path.join(root, "work", name);
  await fs.mkdir(work, { recursive: true });
  const bare = path.join(root, "served", `${name}.git`);
  gitSh(root, "init", "-q", "--bare", "-b", "main", bare);
  gitSh(work, "init", "-q", "-b", "main");
  gitSh(work, "remote", "add", "origin", bare);
  return {
    work,
    commit: async (files, branch = "main") => {
      if (gitSh(work, "symbolic-ref", "--short", "HEAD") !== branch) gitSh(work, "checkout", "-q", "-B", branch);
      for (const [file, content] of Object.entries(files)) {
        await fs.mkdir(path.dirname(path.join(work, file)), { recursive: true });
        await fs.writeFile(path.join(work, file), content);
      }
      gitSh(work, "add", "-A");
      gitSh(work, "commit", "-q", "-m", "c");
      gitSh(work, "push", "-q", "-f", "origin", branch);
      return gitSh(work, "rev-parse", "HEAD");
    },
  };
}

/**
 * A base image to build FROM: a static busybox (Debian's busybox-static) and its applets, built by
 * the engine itself from a served repository and pushed as `<image>`; returns `<repo>@<digest>`.
 */
export async function pushBusyboxBase(opts: {
  root: string;
  gitUrl: string;
  token: string;
  image: string;
  auth: { username: string; password: string };
}): Promise<string> {
  const base = await servedRepo(opts.root, "base");
  const busybox = await fs.readFile("/bin/busybox");
  await base.commit({
    busybox,
    Dockerfile: 'FROM scratch\nCOPY busybox /bin/busybox\nRUN ["/bin/busybox", "--install", "-s", "/bin"]\n',
  });
  await fs.chmod(path.join(base.work, "busybox"), 0o755);
  gitSh(base.work, "update-index", "--chmod=+x", "busybox");
  gitSh(base.work, "commit", "-q", "-m", "x");
  gitSh(base.work, "push", "-q", "origin", "main");
  const r = await runBuild({
    gitUrl: `${opts.gitUrl}/base.git`,
    credential: { type: "token", token: opts.token },
    ref: "main",
    imageRef: opts.image,
    registryAuth: opts.auth,
    cacheDir: path.join(opts.root, "base-cache"),
    workRoot: path.join(opts.root, "base-builds"),
  });
  return `${opts.image.replace(/:[^:/]+$/, "")}@${r.digest}`;
}
