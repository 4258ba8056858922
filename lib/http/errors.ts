import { AppError, RateLimitedError } from "@/lib/errors";
import { logger } from "@/lib/logger";

const STATUS: Record<AppError["code"], number> = {
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  INSUFFICIENT_SCOPE: 403,
  UNAUTHORIZED: 401,
  CONFLICT: 409,
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  JSON_TOO_DEEP: 400,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  REGISTRY_UNAVAILABLE: 503,
  REGISTRY_ERROR: 502,
  GC_ALREADY_RUNNING: 409,
  GC_NOT_MANAGED: 409,
};

export type ErrorBody = { error: { code: string; message: string; details?: Record<string, unknown> } };

export function errorBody(code: string, message: string, details?: Record<string, unknown>): ErrorBody {
  return { error: details ? { code, message, details } : { code, message } };
}

/** The one place a thrown error becomes an HTTP response. Unknown errors are logged, never echoed. */
export function errorResponse(err: unknown, context: string): Response {
  if (err instanceof AppError) {
    const headers: Record<string, string> = {};
    if (err instanceof RateLimitedError) headers["Retry-After"] = String(err.retryAfterSeconds);
    return Response.json(errorBody(err.code, err.message, err.details), { status: STATUS[err.code], headers });
  }
  logger.error(context, err);
  if (isDatabaseUnavailable(err)) {
    return Response.json(
      errorBody("DATABASE_UNAVAILABLE", "The database is not reachable right now. Try again in a moment."),
      { status: 503, headers: { "Retry-After": "2" } },
    );
  }
  return Response.json(errorBody("INTERNAL", "Something went wrong on our side. It has been logged."), { status: 500 });
}

/**
 * The database went away (restarted, connection killed, unreachable) rather than refused a
 * statement: a 503 says "try again", which registries and API clients do. The pool replaces the
 * dead connections, so the console itself recovers without a restart.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown; cause?: unknown } | null;
  if (!e || typeof e !== "object") return false;
  const code = typeof e.code === "string" ? e.code : "";
  // 57P01–57P03: admin shutdown, crash shutdown, cannot connect now; class 08: connection exceptions.
  if (/^(57P0[123]|08...)$/.test(code) || ["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT"].includes(code))
    return true;
  if (typeof e.message === "string" && /Connection terminated|timeout exceeded when trying to connect/i.test(e.message))
    return true;
  // drizzle wraps driver errors ("Failed query: …") with the driver's error as the cause.
  return e.cause !== undefined && e.cause !== err && isDatabaseUnavailable(e.cause);
}
