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
