import { AppError } from "@/lib/errors";

/**
 * The distribution API's error body (OCI distribution spec, "Error Codes"): what docker, podman and
 * skopeo print. The front door answers in this shape whenever it answers instead of the registry.
 */
export type RegistryErrorCode =
  | "BLOB_UNKNOWN"
  | "BLOB_UPLOAD_INVALID"
  | "DENIED"
  | "DIGEST_INVALID"
  | "MANIFEST_INVALID"
  | "MANIFEST_UNKNOWN"
  | "NAME_INVALID"
  | "NAME_UNKNOWN"
  | "SIZE_INVALID"
  | "UNAUTHORIZED"
  | "UNSUPPORTED"
  | "TOOMANYREQUESTS"
  | "UNAVAILABLE"
  | "UNKNOWN";

export type RegistryError = {
  status: number;
  code: RegistryErrorCode;
  message: string;
  headers?: Record<string, string>;
};

export function registryErrorBody(code: RegistryErrorCode, message: string, detail?: unknown): string {
  return JSON.stringify({ errors: [detail === undefined ? { code, message } : { code, message, detail }] });
}

const FROM_APP: Record<AppError["code"], { status: number; code: RegistryErrorCode }> = {
  NOT_FOUND: { status: 404, code: "NAME_UNKNOWN" },
  FORBIDDEN: { status: 403, code: "DENIED" },
  INSUFFICIENT_SCOPE: { status: 403, code: "DENIED" },
  UNAUTHORIZED: { status: 401, code: "UNAUTHORIZED" },
  CONFLICT: { status: 409, code: "DENIED" },
  VALIDATION_FAILED: { status: 400, code: "UNSUPPORTED" },
  MALFORMED_JSON: { status: 400, code: "MANIFEST_INVALID" },
  JSON_TOO_DEEP: { status: 400, code: "MANIFEST_INVALID" },
  PAYLOAD_TOO_LARGE: { status: 413, code: "SIZE_INVALID" },
  RATE_LIMITED: { status: 429, code: "TOOMANYREQUESTS" },
  REGISTRY_UNAVAILABLE: { status: 503, code: "UNAVAILABLE" },
  REGISTRY_ERROR: { status: 502, code: "UNAVAILABLE" },
};

/** The one place a typed error becomes a registry answer (lib/http/errors.ts does the same for JSON API bodies). */
export function registryErrorFromApp(err: AppError): RegistryError {
  const { status, code } = FROM_APP[err.code];
  return { status, code, message: err.message };
}
