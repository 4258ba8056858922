import "server-only";
import crypto from "node:crypto";
import { getBuildPushCredential } from "@/lib/data/builds";
import { sha256 } from "@/lib/security/crypto";

/**
 * A build's push credential: `docker login`-style Basic auth that buildah sends to the token
 * service, `dockyard-build` / `dybuild_<build id>_<secret>`. The secret is made when the build
 * starts, kept only hashed on the build's record, and refused once the build has left the
 * building and pushing steps (finished, failed, cancelled): it grants nothing after its build.
 */
export const BUILD_PUSH_USERNAME = "dockyard-build";
const PREFIX = "dybuild_";

export function newPushSecret(): { secret: string; hash: string } {
  const secret = crypto.randomBytes(32).toString("base64url");
  return { secret, hash: sha256(secret) };
}

export function pushPassword(buildId: string, secret: string): string {
  return `${PREFIX}${buildId}_${secret}`;
}

export function looksLikeBuildCredential(password: string): boolean {
  return password.startsWith(PREFIX);
}

/**
 * The build a push credential belongs to, while that build may push: its repository, and the
 * name its pushes are recorded under (who started it, else the rule's author, else "build").
 */
export async function authenticateBuildCredential(
  username: string,
  password: string,
): Promise<{ buildId: string; repository: string; subject: string; namespaceId: string } | null> {
  const m = /^dybuild_([0-9a-f-]{36})_([A-Za-z0-9_-]{43})$/.exec(password);
  if (!m || username !== BUILD_PUSH_USERNAME) return null;
  const [, buildId, secret] = m as unknown as [string, string, string];
  const row = await getBuildPushCredential(buildId);
  if (!row?.hash || !(row.status === "building" || row.status === "pushing")) return null;
  const a = Buffer.from(row.hash);
  const b = Buffer.from(sha256(secret));
  if (a.length !== b.length || !crypto.timingSafeEqual(a, b)) return null;
  return {
    buildId,
    repository: `${row.namespace}/${row.name}`,
    subject: row.startedBy ?? row.ruleAuthor ?? "build",
    namespaceId: row.namespaceId,
  };
}
