import { AppError, RateLimitedError } from "@/lib/errors";
import { logger } from "@/lib/logger";

const STATUS: Record<AppError["code"], number> = {
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  INSUFFICIENT_SCOPE: 403,
  UNAUTHORIZED: 401,
  CONFLICT: 409,
  VALIDATION_FAILED: 400,
  RATE_LIMITED: 429,
  REGISTRY_UNAVAILABLE: 503,
  REGISTRY_ERROR: 502,
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
  return Response.json(errorBody("INTERNAL", "Something went wrong on our side. It has been logged."), { status: 500 });
}
