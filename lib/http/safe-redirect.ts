/** Only same-site paths may be redirect targets (no `//evil.example` or absolute URLs). */
export function safeCallbackUrl(value: string | undefined | null, fallback = "/"): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  return value;
}
