import { NextResponse, type NextRequest } from "next/server";

/**
 * Redirects only: a visitor without a session cookie who opens a signed-in area goes to sign-in
 * first. Whether the session is valid, and what the user may do, is decided next to the data.
 */
const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

export function proxy(request: NextRequest) {
  const hasSession = SESSION_COOKIES.some((c) => request.cookies.has(c));
  if (!hasSession) {
    const url = new URL("/signin", request.url);
    url.searchParams.set("callbackUrl", request.nextUrl.pathname + request.nextUrl.search);
    return NextResponse.redirect(url);
  }
  return NextResponse.next();
}

export const config = { matcher: ["/settings/:path*"] };
