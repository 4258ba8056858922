import { execFileSync } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { startGitSshServer, type GitSshServer } from "../../tests/harness/git-ssh-server";

export type GitSource = GitSshServer & {
  /** A served bare repository `<name>.git` and a work tree to commit into; returns the work tree. */
  newRepo: (name: string) => Promise<string>;
  /** Writes files, commits them on `branch` and pushes it; returns the commit. */
  commit: (work: string, files: Record<string, string | Buffer>, branch?: string) => Promise<string>;
};

const GIT_ENV = {
  GIT_AUTHOR_NAME: "t",
  GIT_AUTHOR_EMAIL: "t@e.test",
  GIT_COMMITTER_NAME: "t",
  GIT_COMMITTER_EMAIL: "t@e.test",
};
const git = (cwd: string, ...args: string[]) =>
  execFileSync("git", args, { cwd, encoding: "utf8", env: { ...process.env, ...GIT_ENV } }).trim();

/** A Git host for builds in browser tests: repositories served over SSH from a temporary folder. */
export async function startGitSource(): Promise<GitSource> {
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), "e2e-git-"));
  const served = path.join(tmp, "served");
  await fs.mkdir(served, { recursive: true });
  const server = await startGitSshServer({ projectRoot: served });
  return {
    ...server,
    newRepo: async (name) => {
      const work = path.join(tmp, "work", name);
      await fs.mkdir(work, { recursive: true });
      git(tmp, "init", "-q", "--bare", "-b", "main", path.join(served, `${name}.git`));
      git(work, "init", "-q", "-b", "main");
      git(work, "remote", "add", "origin", path.join(served, `${name}.git`));
      return work;
    },
    commit: async (work, files, branch = "main") => {
      if (git(work, "symbolic-ref", "--short", "HEAD") !== branch) git(work, "checkout", "-q", "-B", branch);
      for (const [name, content] of Object.entries(files)) await fs.writeFile(path.join(work, name), content);
      git(work, "add", "-A");
      git(work, "commit", "-q", "-m", "c");
      git(work, "push", "-q", "-f", "origin", branch);
      return git(work, "rev-parse", "HEAD");
    },
    close: async () => {
      await server.close();
      await fs.rm(tmp, { recursive: true, force: true });
    },
  };
}

/**
 * A Dockerfile that can RUN without any base image: a static busybox (Debian's busybox-static)
 * copied in and installed, then the given shell steps.
 */
export function busyboxDockerfile(...steps: string[]): string {
  return [
    "FROM scratch",
    "COPY busybox /bin/busybox",
    'RUN ["/bin/busybox", "--install", "-s", "/bin"]',
    ...steps.map((s) => `RUN ${s}`),
    "",
  ].join("\n");
}
