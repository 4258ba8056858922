import crypto from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { buildIdentity, buildUserDir, giveToBuildUser } from "./build-user";
import {
  bud,
  isLoopbackRegistry,
  prepareBuildahHome,
  removeLeftoverContainers,
  type BuildahEnv,
  type BuildNetwork,
} from "./buildah";
import { BuildError } from "./errors";
import { cloneAtCommit, resolveRef, type GitCredential } from "./git";
import { BuildLog, DEFAULT_LOG_LIMIT_BYTES, type OnBuildLog } from "./log";
import { resolveInside } from "./paths";
import { pushImage, registryHost, writeAuthFile, type RegistryAuth } from "./push";

export const DEFAULT_BUILD_TIMEOUT_MS = 30 * 60 * 1000;

export type RunBuildInput = {
  gitUrl: string;
  credential?: GitCredential;
  /**
   * The exact commit to build; or a branch/tag `ref` resolved with ls-remote. With both, the commit is built;
   * the ref is fetched instead only when the server refuses a fetch by SHA, and must then point at the commit.
   */
  commit?: string;
  ref?: string;
  /** Paths relative to the repository root; the Dockerfile path is relative to the root too. */
  dockerfile?: string;
  context?: string;
  buildArgs?: Record<string, string>;
  /**
   * Where to push, with its tag: "registry-host/namespace/repo:tag"; or made from the commit once it
   * is known (a tag template with `{sha}`). A throw there fails the build with its message.
   */
  imageRef: string | ((commit: string) => string | Promise<string>);
  /** Told when each step starts: cloning (with the ref), building and pushing (with the commit). */
  onPhase?: (phase: BuildPhase, commit: string | null) => void | Promise<void>;
  /** The working directory's name under `workRoot` (a fresh random one by default), so a crashed build's can be found. */
  workName?: string;
  registryAuth?: RegistryAuth;
  /**
   * The repository's layer cache (its own buildah storage); deleting the directory clears it. It and
   * `workRoot` must lie where the build user can traverse (their parents at least 0711).
   */
  cacheDir: string;
  network?: BuildNetwork;
  timeoutMs?: number;
  signal?: AbortSignal;
  onLog?: OnBuildLog;
  logLimitBytes?: number;
  /** Parent of the per-build working directory (default: the OS temp dir). */
  workRoot?: string;
  buildUser?: string;
  /** Extra plain-HTTP registries for FROM (the push registry is added when it is on loopback). */
  insecureRegistries?: string[];
};

export type BuildPhase = "cloning" | "building" | "pushing";

export type RunBuildResult = {
  digest: string;
  commit: string;
  imageRef: string;
  logBytes: number;
  logTruncated: boolean;
};

/**
 * One build: resolve the ref, shallow clone at the commit, `buildah bud` rootless as the build user, push,
 * and remove the working directory whatever happens. Failures are BuildErrors with a reason for the log.
 */
export async function runBuild(input: RunBuildInput): Promise<RunBuildResult> {
  const started = Date.now();
  const deadline = started + (input.timeoutMs ?? DEFAULT_BUILD_TIMEOUT_MS);
  const secrets = [
    input.credential?.type === "token" ? input.credential.token : "",
    input.registryAuth?.password ?? "",
  ].filter(Boolean);
  const log = new BuildLog(input.onLog, input.logLimitBytes ?? DEFAULT_LOG_LIMIT_BYTES, secrets);
  const id = await buildIdentity(input.buildUser);
  const workRoot = input.workRoot ?? path.join(os.tmpdir(), "dockyard-builds");
  await fs.mkdir(workRoot, { recursive: true, mode: 0o711 });
  const workDir = input.workName
    ? await freshDir(path.join(workRoot, input.workName))
    : await fs.mkdtemp(path.join(workRoot, "build-"));
  // The build user must pass through to its own subdirectories (checkout, home), not list or read the rest.
  await fs.chmod(workDir, 0o711);
  const secretsDir = path.join(workDir, "secrets");
  const checkout = path.join(workDir, "src");
  const plannedRef = typeof input.imageRef === "string" ? input.imageRef : await input.imageRef("0".repeat(40));
  const host = registryHost(plannedRef);
  const env: BuildahEnv = {
    id,
    cacheDir: input.cacheDir,
    homeDir: path.join(workDir, "home"),
    insecureRegistries: [...(input.insecureRegistries ?? []), ...(isLoopbackRegistry(host) ? [host] : [])],
    deadline,
    signal: input.signal,
    log,
  };
  let built = false;
  try {
    await fs.mkdir(secretsDir, { mode: 0o700 });
    const gitCtx = { secretsDir, deadline, signal: input.signal, log };
    await input.onPhase?.("cloning", input.commit ?? null);
    let commit = input.commit;
    if (!commit) {
      if (!input.ref) throw new BuildError("ref_not_found", "Neither a commit nor a ref was given.");
      log.engine(`Resolving ${input.ref}`);
      commit = (await resolveRef(input.gitUrl, input.ref, input.credential, gitCtx)).commit;
    }
    log.engine(`Cloning at ${commit}`);
    await cloneAtCommit(input.gitUrl, commit, input.credential, checkout, gitCtx, input.ref);
    // The key file goes as soon as git is done with it.
    await fs.rm(secretsDir, { recursive: true, force: true });

    const contextDir = await resolveInside(checkout, input.context ?? ".", "build context");
    const dockerfile = await resolveInside(checkout, input.dockerfile ?? "Dockerfile", "Dockerfile path");
    const stat = await fs.stat(dockerfile).catch(() => null);
    if (!stat?.isFile()) {
      throw new BuildError("dockerfile_missing", `There is no Dockerfile at "${input.dockerfile ?? "Dockerfile"}".`);
    }
    if (!(await fs.stat(contextDir).catch(() => null))?.isDirectory()) {
      throw new BuildError("invalid_path", `The build context "${input.context}" is not a directory.`);
    }

    // Parents made here stay traversable for the build user; the cache itself is its own (0700).
    await fs.mkdir(path.dirname(input.cacheDir), { recursive: true, mode: 0o711 });
    await fs.mkdir(input.cacheDir, { recursive: true, mode: 0o700 });
    await buildUserDir(id, env.homeDir);
    await prepareBuildahHome(env);
    await giveToBuildUser(id, checkout, env.homeDir, input.cacheDir);
    const authFile = await writeAuthFile(env.homeDir, host, input.registryAuth, id.asRoot ? id.uid : undefined, id.gid);

    let imageRef: string;
    try {
      imageRef = typeof input.imageRef === "string" ? input.imageRef : await input.imageRef(commit);
    } catch (e) {
      throw new BuildError("invalid_tag", (e as Error).message);
    }
    if (registryHost(imageRef) !== host) throw new BuildError("invalid_tag", "The image's registry changed.");
    await input.onPhase?.("building", commit);
    built = true;
    await bud(env, {
      dockerfile,
      contextDir,
      tag: imageRef,
      buildArgs: input.buildArgs ?? {},
      network: input.network ?? "none",
      authFile,
    });
    await input.onPhase?.("pushing", commit);
    const digest = await pushImage(env, imageRef, authFile);
    log.engine(`Build finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return { digest, commit, imageRef, logBytes: log.size, logTruncated: log.truncated };
  } catch (e) {
    const err = e instanceof BuildError ? e : new BuildError("build_failed", (e as Error).message);
    log.engine(`Build failed (${err.code}): ${err.message}`);
    if (built) await removeLeftoverContainers(env);
    throw err;
  } finally {
    await fs.rm(workDir, { recursive: true, force: true }).catch(() => undefined);
  }
}

/** A named working directory, emptied first (a crashed build with the same name left it behind). */
async function freshDir(dir: string): Promise<string> {
  await fs.rm(dir, { recursive: true, force: true });
  await fs.mkdir(dir, { mode: 0o700 });
  return dir;
}

/** Clears a repository's layer cache (its whole buildah storage). */
export async function clearBuildCache(cacheDir: string): Promise<void> {
  await fs.rm(cacheDir, { recursive: true, force: true });
}

/** A fresh directory name for a build's cache, for callers that key caches by repository id. */
export function cacheDirFor(root: string, repositoryKey: string): string {
  return path.join(root, crypto.createHash("sha256").update(repositoryKey).digest("hex").slice(0, 32));
}
