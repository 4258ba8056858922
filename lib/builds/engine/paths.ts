import fs from "node:fs/promises";
import path from "node:path";
import { BuildError } from "./errors";

/**
 * Resolves a repository-relative path (Dockerfile, build context) inside the checkout, refusing absolute
 * paths, `..` escapes and symlinks that lead outside it (a repository controls its own symlinks).
 */
export async function resolveInside(root: string, rel: string, what: string): Promise<string> {
  const cleaned = rel.trim() === "" ? "." : rel.trim();
  if (path.isAbsolute(cleaned) || cleaned.includes("\0")) {
    throw new BuildError("invalid_path", `The ${what} "${rel}" must be a path relative to the repository.`);
  }
  const realRoot = await fs.realpath(root);
  const joined = path.resolve(realRoot, cleaned);
  if (!isInside(realRoot, joined)) {
    throw new BuildError("invalid_path", `The ${what} "${rel}" leaves the repository.`);
  }
  let real: string;
  try {
    real = await fs.realpath(joined);
  } catch {
    return joined; // Missing: the caller reports it with its own reason.
  }
  if (!isInside(realRoot, real)) {
    throw new BuildError("invalid_path", `The ${what} "${rel}" is a link that leaves the repository.`);
  }
  return real;
}

function isInside(root: string, p: string): boolean {
  const rel = path.relative(root, p);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}
