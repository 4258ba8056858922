/** Why a build failed, as a stable code the caller can store, show and map (never the raw tool output). */
export type BuildErrorCode =
  | "git_unreachable"
  | "git_auth"
  | "ref_not_found"
  | "git_failed"
  | "invalid_path"
  | "dockerfile_missing"
  | "build_failed"
  | "push_failed"
  | "invalid_tag"
  | "timeout"
  | "cancelled";

export class BuildError extends Error {
  readonly code: BuildErrorCode;
  constructor(code: BuildErrorCode, message: string) {
    super(message);
    this.name = "BuildError";
    this.code = code;
  }
}

export function isBuildError(e: unknown): e is BuildError {
  return e instanceof BuildError;
}
