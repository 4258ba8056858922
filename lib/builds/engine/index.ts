// The build engine's public surface: the integrator's job worker calls runBuild and nothing deeper.
export { BuildError, isBuildError, type BuildErrorCode } from "./errors";
export type { GitCredential } from "./git";
export type { BuildLogEvent, OnBuildLog } from "./log";
export type { BuildNetwork } from "./buildah";
export type { BuildPhase } from "./run-build";
export { killProcessesMentioning } from "./process";
export { checkBuildHost, type BuildHostCheck } from "./preflight";
export type { RegistryAuth } from "./push";
export {
  cacheDirFor,
  clearBuildCache,
  DEFAULT_BUILD_TIMEOUT_MS,
  runBuild,
  type RunBuildInput,
  type RunBuildResult,
} from "./run-build";
