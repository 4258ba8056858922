import { NextResponse, type NextRequest } from "next/server";
import { getEnv } from "@/lib/env";
import { baseSecurityHeaders, nonDocumentHeaders, pageCsp, type HeaderList } from "@/lib/http/security-headers";

/**
 * Runs before every page and API request. Two jobs, neither of them authorization (that is decided
 * next to the data):
 * - a visitor without a session cookie who opens a signed-in area is redirected to sign in first;
 * - every response gets the security headers; a page gets a Content-Security-Policy with a fresh
 *   nonce, which Next reads from the request's CSP header and puts on its own inline scripts, so
 *   no other inline script can run.
 */
const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];
const SIGNED_IN_AREAS = ["/settings"];

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const hstsMaxAge = getEnv().HSTS_MAX_AGE;
  const isApi = pathname.startsWith("/api/");

  if (
    !isApi &&
    SIGNED_IN_AREAS.some((a) => pathname === a || pathname.startsWith(`${a}/`)) &&
    !SESSION_COOKIES.some((c) => request.cookies.has(c))
  ) {
    const url = new URL("/signin", request.url);
    url.searchParams.set("callbackUrl", pathname + search);
    return withHeaders(NextResponse.redirect(url), nonDocumentHeaders({ hstsMaxAge }));
  }
  if (isApi) return withHeaders(NextResponse.next(), nonDocumentHeaders({ hstsMaxAge }));

  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const csp = pageCsp(nonce, { dev: process.env.NODE_ENV === "development" });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", csp);
  requestHeaders.set("x-nonce", nonce);
  return withHeaders(NextResponse.next({ request: { headers: requestHeaders } }), [
    ...baseSecurityHeaders({ hstsMaxAge }),
    ["Content-Security-Policy", csp],
  ]);
}

function withHeaders(response: NextResponse, headers: HeaderList): NextResponse {
  for (const [k, v] of headers) response.headers.set(k, v);
  return response;
}

// Everything but build assets (their headers come from next.config.ts); the registry's token and
// event endpoints never reach Next (scripts/web-server.ts sets theirs).
export const config = { matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"] };
