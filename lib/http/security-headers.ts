/**
 * The security headers of every response. Pages get a per-request nonce CSP from proxy.ts (Next
 * puts the nonce on its own inline scripts), so no inline script runs without it; everything else
 * (JSON API, registry endpoints, static files) gets the static set plus a CSP that allows nothing,
 * since none of it is meant to render as a document.
 *
 * Kept free of Node-only imports: proxy.ts and next.config.ts load it too.
 */
export type HeaderList = Array<[string, string]>;

/** Headers every response carries, whatever it is. */
export function baseSecurityHeaders(opts: { hstsMaxAge: number }): HeaderList {
  const headers: HeaderList = [
    ["X-Content-Type-Options", "nosniff"],
    // frame-ancestors in the CSP is the modern form; this covers browsers that predate it.
    ["X-Frame-Options", "DENY"],
    ["Referrer-Policy", "strict-origin-when-cross-origin"],
    ["Cross-Origin-Opener-Policy", "same-origin"],
    ["Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()"],
  ];
  // Only when the operator serves the console over HTTPS (HSTS_MAX_AGE): on plain HTTP the
  // header is ignored by browsers anyway, and a wrong one locks users out of the host for its age.
  if (opts.hstsMaxAge > 0) headers.push(["Strict-Transport-Security", `max-age=${opts.hstsMaxAge}; includeSubDomains`]);
  return headers;
}

/** For responses that are data, never documents: nothing may load, run or frame them. */
export const NON_DOCUMENT_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** Every header of a response that is not a page: the base set and the CSP that allows nothing. */
export function nonDocumentHeaders(opts: { hstsMaxAge: number }): HeaderList {
  return [...baseSecurityHeaders(opts), ["Content-Security-Policy", NON_DOCUMENT_CSP]];
}

/**
 * A page's policy. Scripts: only the app's own files and scripts carrying this request's nonce
 * ('strict-dynamic' lets those load the chunks they import). Styles allow inline attributes because
 * React renders `style={...}` (bar widths) as attributes; style cannot run code.
 */
export function pageCsp(nonce: string, opts: { dev: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${opts.dev ? " ws:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
