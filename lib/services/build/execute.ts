import "server-only";
import os from "node:os";
import path from "node:path";
import { and, eq, inArray } from "drizzle-orm";
import { getDb } from "@/db";
import { builds } from "@/db/schema";
import { RUNNING_BUILD_STATUSES } from "@/db/schema/build-records";
import { cacheDirFor, checkBuildHost, isBuildError, runBuild, type GitCredential } from "@/lib/builds/engine";
import { onBuildNews, publishBuildNews } from "@/lib/builds/log-feed";
import { BUILD_PUSH_USERNAME, newPushSecret, pushPassword } from "@/lib/builds/push-credential";
import { matchSource, renderTagTemplate } from "@/lib/builds/rules";
import { getBuildJob } from "@/lib/data/builds";
import { getSiteSettings } from "@/lib/data/site-settings";
import { getEnv } from "@/lib/env";
import { logger } from "@/lib/logger";
import { decryptSecret } from "@/lib/security/crypto";
import { assertSafeGitUrl } from "@/lib/services/build-settings/assert-safe-git-url";
import { finishBuild, type BuildEnd } from "./finish";
import { BuildLogWriter } from "./log-writer";

const CANCEL_POLL_MS = 1000;

/** Where this console's web server answers the registry API (the front door), as the build's push target. */
export function doorAddress(): string {
  const host = process.env.HOST ?? "127.0.0.1";
  const local = host === "0.0.0.0" || host === "::" || host === "" ? "127.0.0.1" : host;
  return `${local.includes(":") ? `[${local}]` : local}:${process.env.PORT ?? 3000}`;
}

/** A build's working directory: named by its id, so a crashed build's can be found and removed. */
export function buildWorkName(buildId: string): string {
  return `build-${buildId}`;
}

/**
 * Runs one queued build (the "build" job, lib/jobs/queues.ts): clone at the commit, `buildah bud`
 * as the build user, push through this console's front door with a credential for this build's
 * repository only (lib/builds/push-credential.ts), and record the digest. The log is stored as it
 * comes (BuildLogWriter). Cancelling (a flag on the record, seen within a second, or at once in
 * this process) stops the build's processes. Every failure ends the record with its reason.
 */
export async function executeBuild(buildId: string, workerId: string): Promise<void> {
  const { secret, hash } = newPushSecret();
  // Queued → cloning exactly once; a cancelled or already claimed build is left as it is.
  const [claimed] = await getDb()
    .update(builds)
    .set({ status: "cloning", startedAt: new Date(), workerId, pushSecretHash: hash })
    .where(and(eq(builds.id, buildId), eq(builds.status, "queued"), eq(builds.cancelRequested, false)))
    .returning({ id: builds.id });
  if (!claimed) {
    // Its lease ran out while it ran (its console died): interrupted.
    await getDb()
      .update(builds)
      .set({ status: "failed", error: INTERRUPTED, finishedAt: new Date(), pushSecretHash: null })
      .where(and(eq(builds.id, buildId), inArray(builds.status, RUNNING_BUILD_STATUSES)));
    return;
  }
  const job = await getBuildJob(buildId);
  if (!job) return;
  const b = job.build;
  const repository = `${job.namespace}/${job.name}`;
  const log = new BuildLogWriter(buildId);
  const env = getEnv();
  const abort = new AbortController();
  let cancelled = false;
  const cancel = () => {
    cancelled = true;
    abort.abort();
  };
  const stopListening = onBuildNews(buildId, (news) => news.kind === "cancel" && cancel());
  const poll = setInterval(() => {
    void getDb()
      .select({ c: builds.cancelRequested })
      .from(builds)
      .where(eq(builds.id, buildId))
      .then(([r]) => r?.c && cancel())
      .catch(() => undefined);
  }, CANCEL_POLL_MS);
  let imageTag = b.imageTag;
  const finishing = {
    id: b.id,
    number: b.number,
    repositoryId: b.repositoryId,
    namespaceId: job.namespaceId,
    repository,
    ref: b.ref,
    commit: b.commit,
    imageTag,
    // Who started it; for a Git push, whoever wrote the rule that fired.
    notifyUserId: b.startedById ?? job.ruleAuthorId,
    actor: null,
  };
  let end: BuildEnd;
  let truncated = false;
  try {
    if (job.repositoryStatus !== "active") throw new Error("The repository is being deleted.");
    const host = await checkBuildHost({ version: false });
    if (!host.ready)
      throw new Error(
        `This machine cannot run builds yet: missing ${host.missing.join(", ")}. Restart the console with its start command (bash scripts/start.sh): once builds are enabled it installs them.`,
      );
    const settings = await getSiteSettings();
    if (!settings["builds.enabled"]) throw new Error("Builds were turned off on this site before this one started.");
    // Checked again at run time: the host's addresses may have changed since the source was saved.
    await assertSafeGitUrl(b.recipe.gitUrl).catch((err: Error & { fieldErrors?: Record<string, string[]> }) => {
      throw new Error(err.fieldErrors?.gitUrl?.[0] ?? err.message);
    });
    log.write(`Build #${b.number} of ${repository}: ${b.recipe.sourceType} ${b.ref}\n`);
    const result = await runBuild({
      gitUrl: b.recipe.gitUrl,
      credential: credentialOf(job.credentialKind, job.credentialEnc),
      commit: b.commit ?? undefined,
      ref: `refs/${b.recipe.sourceType === "branch" ? "heads" : "tags"}/${b.ref}`,
      dockerfile: b.recipe.dockerfilePath,
      context: b.recipe.contextDir,
      buildArgs: Object.fromEntries(b.recipe.buildArgs.map((a) => [a.key, a.value])),
      imageRef: async (commit) => {
        const groups = matchSource(b.recipe, b.ref) ?? [];
        const r = renderTagTemplate(b.recipe.tagTemplate, {
          ref: { type: b.recipe.sourceType, name: b.ref },
          sha: commit,
          date: new Date(),
          groups,
        });
        if (!r.ok) throw new Error(`The tag template ${b.recipe.tagTemplate} gives no valid tag: ${r.error}`);
        imageTag = r.tag;
        if (!commit.startsWith("0000000000"))
          await getDb().update(builds).set({ commit, imageTag }).where(eq(builds.id, buildId));
        return `${doorAddress()}/${repository}:${r.tag}`;
      },
      onPhase: async (phase) => {
        if (phase === "cloning") return;
        await getDb()
          .update(builds)
          .set({ status: phase })
          .where(and(eq(builds.id, buildId), inArray(builds.status, RUNNING_BUILD_STATUSES)));
        publishBuildNews(buildId, { kind: "log", seq: 0 });
      },
      registryAuth: { username: BUILD_PUSH_USERNAME, password: pushPassword(buildId, secret) },
      cacheDir: cacheDirFor(path.join(env.BUILD_DIR, "cache"), b.repositoryId),
      workRoot: path.join(env.BUILD_DIR, "work"),
      workName: buildWorkName(buildId),
      network: settings["builds.allow_network"] ? "slirp4netns" : "none",
      timeoutMs: env.BUILD_TIMEOUT_MINUTES * 60_000,
      logLimitBytes: Math.round(env.BUILD_LOG_LIMIT_MB * 1024 * 1024),
      signal: abort.signal,
      onLog: (e) => log.write(e.text),
    });
    truncated = result.logTruncated;
    end = { status: "succeeded", digest: result.digest, imageTag: imageTag!, commit: result.commit };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (!isBuildError(err)) log.write(`Build failed: ${message}\n`);
    end = cancelled ? { status: "cancelled", error: "Cancelled." } : { status: "failed", error: message };
  } finally {
    clearInterval(poll);
    stopListening();
  }
  if (!(await log.close())) logger.warn("build log pieces were lost", { build: buildId });
  await finishBuild({ ...finishing, imageTag }, end, truncated);
}

export const INTERRUPTED = "Interrupted: the console running this build stopped before it finished.";

function credentialOf(kind: string | null, sealed: string | null): GitCredential {
  if (!kind || kind === "none" || !sealed) return null;
  const secret = decryptSecret(sealed, "build-credential");
  return kind === "token" ? { type: "token", token: secret } : { type: "ssh", privateKey: secret };
}

/** This process's id in workerId ("host:pid:…"), to tell its own builds from a dead process's. */
export function workerHostPid(workerId: string | null): { host: string; pid: number } | null {
  const m = /^(.*):(\d+):[0-9a-f]+$/.exec(workerId ?? "");
  return m ? { host: m[1]!, pid: Number(m[2]) } : null;
}

export const thisHost = () => os.hostname();
