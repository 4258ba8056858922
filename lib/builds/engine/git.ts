import fs from "node:fs/promises";
import path from "node:path";
import { BuildError } from "./errors";
import type { BuildLog } from "./log";
import { runCommand } from "./process";

/** An HTTPS access token (sent as Basic auth in a header) or an SSH deploy key (PEM/OpenSSH text). */
export type GitCredential =
  { type: "token"; token: string; username?: string } | { type: "ssh"; privateKey: string } | null | undefined;

export type GitContext = {
  /** A private directory of this build for the key file and known_hosts (never the checkout). */
  secretsDir: string;
  deadline: number;
  signal?: AbortSignal;
  log: BuildLog;
};

const SHA_RE = /^[0-9a-f]{40}$/;

/**
 * Git's environment for one call. The token travels as an `http.extraHeader` set through GIT_CONFIG_*
 * variables: not in the URL, not in argv (which `ps` shows to every user), not in the log.
 */
async function gitEnv(credential: GitCredential, ctx: GitContext): Promise<Record<string, string | undefined>> {
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: ctx.secretsDir,
    GIT_TERMINAL_PROMPT: "0",
    GIT_ASKPASS: "/bin/false",
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: "/dev/null",
    LC_ALL: "C",
  };
  if (credential?.type === "token") {
    const basic = Buffer.from(`${credential.username ?? "x-access-token"}:${credential.token}`).toString("base64");
    Object.assign(env, {
      GIT_CONFIG_COUNT: "1",
      GIT_CONFIG_KEY_0: "http.extraHeader",
      GIT_CONFIG_VALUE_0: `Authorization: Basic ${basic}`,
    });
  } else if (credential?.type === "ssh") {
    const keyFile = path.join(ctx.secretsDir, "deploy-key");
    const key = credential.privateKey.endsWith("\n") ? credential.privateKey : `${credential.privateKey}\n`;
    await fs.writeFile(keyFile, key, { mode: 0o600 });
    const knownHosts = path.join(ctx.secretsDir, "known_hosts");
    env.GIT_SSH_COMMAND = [
      "ssh",
      `-i ${keyFile}`,
      "-o IdentitiesOnly=yes",
      "-o BatchMode=yes",
      "-o StrictHostKeyChecking=accept-new",
      `-o UserKnownHostsFile=${knownHosts}`,
      "-o ConnectTimeout=20",
    ].join(" ");
  }
  return env;
}

/** Maps git's messages to a reason a repository admin can act on. */
function classify(stderr: string, what: string): BuildError {
  const s = stderr.toLowerCase();
  const detail = stderr.trim().split("\n").slice(-3).join(" ").slice(0, 500);
  if (
    /authentication failed|http 401|http 403|returned error: 40[13]|permission denied \(publickey|could not read username|terminal prompts disabled|invalid credentials/.test(
      s,
    )
  ) {
    return new BuildError("git_auth", `The Git server refused the credential (${what}): ${detail}`);
  }
  if (
    /couldn't find remote ref|not our ref|no such ref|unadvertised object|remote error: upload-pack: not our ref/.test(
      s,
    )
  ) {
    return new BuildError("ref_not_found", `The ref or commit does not exist in the repository (${what}).`);
  }
  if (
    /could not resolve host|connection refused|failed to connect|timed out|couldn't connect|no route to host|network is unreachable|repository .* not found|http 404|returned error: 404|does not appear to be a git repository|unable to access|could not read from remote/.test(
      s,
    )
  ) {
    return new BuildError("git_unreachable", `The Git repository cannot be reached (${what}): ${detail}`);
  }
  return new BuildError("git_failed", `git failed (${what}): ${detail}`);
}

async function git(
  args: string[],
  env: Record<string, string | undefined>,
  ctx: GitContext,
  cwd?: string,
  what = args[0] ?? "git",
) {
  const r = await runCommand("git", args, { env, cwd, deadline: ctx.deadline, signal: ctx.signal });
  if (r.code !== 0) throw classify(r.stderr, what);
  return r.stdout;
}

/**
 * The commit a branch or tag names now (`git ls-remote`); a full 40-hex SHA is returned as it is.
 * A branch wins over a tag of the same short name; an annotated tag resolves to its commit (`^{}`).
 */
export async function resolveRef(
  url: string,
  ref: string,
  credential: GitCredential,
  ctx: GitContext,
): Promise<{ commit: string; ref: string }> {
  if (SHA_RE.test(ref)) return { commit: ref, ref };
  const env = await gitEnv(credential, ctx);
  const out = await git(["ls-remote", "--", url, ref, `${ref}^{}`], env, ctx, undefined, "ls-remote");
  const refs = new Map<string, string>();
  for (const line of out.split("\n")) {
    const [sha, name] = line.split("\t");
    if (sha && name) refs.set(name, sha);
  }
  const full = ref.startsWith("refs/") ? [ref] : [`refs/heads/${ref}`, `refs/tags/${ref}`];
  for (const name of full) {
    const sha = refs.get(`${name}^{}`) ?? refs.get(name);
    if (sha) return { commit: sha, ref: name };
  }
  throw new BuildError("ref_not_found", `The ref "${ref}" does not exist in the repository.`);
}

/**
 * A shallow checkout of exactly one commit: `git init`, `git fetch --depth 1 origin <sha>`, checkout.
 * Fetching by SHA needs a server that allows it (protocol v2 servers, GitHub, GitLab do); when a ref is given
 * too, the ref is fetched and FETCH_HEAD must be that commit, so a moved branch is reported, not built.
 */
export async function cloneAtCommit(
  url: string,
  commit: string,
  credential: GitCredential,
  dir: string,
  ctx: GitContext,
  ref?: string,
): Promise<void> {
  const env = await gitEnv(credential, ctx);
  await fs.mkdir(dir, { recursive: true });
  await git(["init", "-q", "--", dir], env, ctx, undefined, "init");
  await git(["remote", "add", "origin", url], env, ctx, dir, "remote");
  const fetchArgs = ["-c", "protocol.version=2", "fetch", "-q", "--no-tags", "--depth", "1", "origin"];
  try {
    await git([...fetchArgs, commit], env, ctx, dir, "fetch");
  } catch (e) {
    if (!(e instanceof BuildError) || e.code !== "ref_not_found" || !ref) throw e;
    await git([...fetchArgs, ref], env, ctx, dir, "fetch");
  }
  const head = (await git(["rev-parse", "FETCH_HEAD"], env, ctx, dir, "rev-parse")).trim();
  if (head !== commit) {
    throw new BuildError("ref_not_found", `The ref moved: it is at ${head.slice(0, 12)}, not ${commit.slice(0, 12)}.`);
  }
  await git(["-c", "advice.detachedHead=false", "checkout", "-q", "FETCH_HEAD"], env, ctx, dir, "checkout");
  ctx.log.engine(`Checked out ${commit}`);
}
