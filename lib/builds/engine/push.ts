import fs from "node:fs/promises";
import path from "node:path";
import { buildah, lastError, type BuildahEnv } from "./buildah";
import { BuildError } from "./errors";

export type RegistryAuth = { username: string; password: string } | null | undefined;

/** The registry host of an image reference ("127.0.0.1:5000/org/repo:tag" → "127.0.0.1:5000"). */
export function registryHost(imageRef: string): string {
  const first = imageRef.split("/")[0] ?? "";
  return imageRef.includes("/") && /[.:]|^localhost$/.test(first) ? first : "docker.io";
}

/**
 * An auth file (mode 0600, in the build's private directory) instead of `--creds`, whose argv any local
 * user could read in `ps`. The caller deletes the directory with the build.
 */
export async function writeAuthFile(dir: string, host: string, auth: RegistryAuth, uid?: number, gid?: number) {
  const file = path.join(dir, "auth.json");
  const auths = auth ? { [host]: { auth: Buffer.from(`${auth.username}:${auth.password}`).toString("base64") } } : {};
  await fs.writeFile(file, JSON.stringify({ auths }), { mode: 0o600 });
  if (uid !== undefined && gid !== undefined) await fs.chown(file, uid, gid);
  return file;
}

/** `buildah push` of the built tag to its registry; returns the manifest digest the registry stored. */
export async function pushImage(env: BuildahEnv, imageRef: string, authFile: string): Promise<string> {
  const digestFile = path.join(env.homeDir, "digest");
  env.log.engine(`Pushing ${imageRef}`);
  const r = await buildah(env, ["push", "--digestfile", digestFile, imageRef, `docker://${imageRef}`], authFile);
  if (r.code !== 0) {
    throw new BuildError("push_failed", `The push failed: ${lastError(r.stderr, r.code)}`);
  }
  const digest = (await fs.readFile(digestFile, "utf8")).trim();
  if (!/^sha256:[0-9a-f]{64}$/.test(digest)) throw new BuildError("push_failed", "The push reported no digest.");
  env.log.engine(`Pushed ${imageRef}@${digest}`);
  return digest;
}
