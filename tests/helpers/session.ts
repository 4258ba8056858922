import { signTicket } from "@/lib/security/crypto";

/**
 * A signed-in browser session for `userId`, made the way the sign-in actions make one: a
 * one-minute ticket handed to Auth.js's credentials callback (with its CSRF token). Returns the
 * `Cookie` header value to send with page requests.
 */
export async function sessionCookie(consoleUrl: string, userId: string): Promise<string> {
  const csrf = await fetch(`${consoleUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = csrf.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const res = await fetch(`${consoleUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: jar, Origin: consoleUrl },
    body: new URLSearchParams({ csrfToken, ticket: signTicket("session", userId, 60), callbackUrl: consoleUrl }),
  });
  const session = res.headers.getSetCookie().find((c) => c.startsWith("authjs.session-token="));
  if (!session) throw new Error(`no session cookie (status ${res.status})`);
  return session.split(";")[0]!;
}
