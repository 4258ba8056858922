/**
 * Typed errors thrown by services and the registry client. Each maps once to an HTTP status
 * (lib/http/errors.ts) and once to form state (lib/actions). `code` is stable for API clients;
 * `message` is safe to show; internals go to the log, never to the user.
 */
export type ErrorCode =
  | "NOT_FOUND"
  | "FORBIDDEN"
  | "INSUFFICIENT_SCOPE"
  | "UNAUTHORIZED"
  | "CONFLICT"
  | "VALIDATION_FAILED"
  | "MALFORMED_JSON"
  | "JSON_TOO_DEEP"
  | "PAYLOAD_TOO_LARGE"
  | "RATE_LIMITED"
  | "REGISTRY_UNAVAILABLE"
  | "REGISTRY_ERROR"
  | "GC_ALREADY_RUNNING"
  | "GC_NOT_MANAGED";

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends AppError {
  constructor(message = "Not found", details?: Record<string, unknown>) {
    super("NOT_FOUND", message, details);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = "You do not have permission to do that", details?: Record<string, unknown>) {
    super("FORBIDDEN", message, details);
  }
}

/** The personal access token's scope does not cover the operation (Read-only token on a write, say). */
export class InsufficientScopeError extends AppError {
  constructor(message: string, details?: Record<string, unknown>) {
    super("INSUFFICIENT_SCOPE", message, details);
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = "Authentication required", details?: Record<string, unknown>) {
    super("UNAUTHORIZED", message, details);
  }
}

export class ConflictError extends AppError {
  constructor(message: string, details?: Record<string, unknown>) {
    super("CONFLICT", message, details);
  }
}

/** A garbage collection is already queued or running (one at a time, across every console). */
export class GcAlreadyRunningError extends AppError {
  constructor(message: string, details?: Record<string, unknown>) {
    super("GC_ALREADY_RUNNING", message, details);
  }
}

/** The console does not run the registry (REGISTRY_URL points at another): its operator collects. */
export class GcNotManagedError extends AppError {
  constructor(message: string) {
    super("GC_NOT_MANAGED", message);
  }
}

export class ValidationError extends AppError {
  constructor(
    message: string,
    readonly fieldErrors: Record<string, string[]> = {},
  ) {
    super("VALIDATION_FAILED", message, { fieldErrors });
  }
}

/** The body is not JSON at all (as opposed to JSON of the wrong shape, which is VALIDATION_FAILED). */
export class MalformedJsonError extends AppError {
  constructor(message = "The body is not valid JSON") {
    super("MALFORMED_JSON", message);
  }
}

/**
 * The JSON nests deeper than any body the console accepts. Refused before JSON.parse, so that
 * nothing that walks parsed values (control-character check, zod, JSON.stringify into jsonb)
 * ever sees thousands of levels.
 */
export class JsonTooDeepError extends AppError {
  constructor(readonly maxDepth: number) {
    super("JSON_TOO_DEEP", `The body nests more than ${maxDepth} levels deep`, { maxDepth });
  }
}

/** The body is larger than the endpoint reads; refused before it is parsed, and mostly before it is read. */
export class PayloadTooLargeError extends AppError {
  constructor(readonly limitBytes: number) {
    super("PAYLOAD_TOO_LARGE", `The body is larger than ${formatLimit(limitBytes)}`, { limitBytes });
  }
}

function formatLimit(bytes: number): string {
  if (bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes} bytes`;
}

export class RateLimitedError extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super("RATE_LIMITED", message, { retryAfterSeconds });
  }
}

export class RegistryUnavailableError extends AppError {
  constructor(
    message = "The registry is not reachable right now. Try again in a moment.",
    details?: Record<string, unknown>,
  ) {
    super("REGISTRY_UNAVAILABLE", message, details);
  }
}

/** The registry answered, but with an error the console did not expect (its code is in details). */
export class RegistryApiError extends AppError {
  constructor(message: string, details?: Record<string, unknown>) {
    super("REGISTRY_ERROR", message, details);
  }
}
