import "server-only";
import NextAuth, { type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { headers } from "next/headers";
import { verifyTicket } from "@/lib/security/crypto";
import { clientIp, UNKNOWN_IP } from "@/lib/http/client-ip";
import { getEnv } from "@/lib/env";
import { createSession } from "@/lib/services/session/create";

declare module "next-auth" {
  interface Session {
    sid?: string;
  }
  interface User {
    // Set for the session that comes with creating the account (no "new sign-in" notice for it).
    signUp?: boolean;
  }
}

/**
 * Auth.js mints the session cookie; it does not check passwords. Our sign-in actions verify the
 * password (and the 2FA code) and hand Auth.js a one-minute signed ticket; the JWT then carries
 * only the id of a `sessions` row, which every request re-checks (lib/auth/session.ts).
 */
function config(): NextAuthConfig {
  const env = getEnv();
  return {
    secret: env.AUTH_SECRET,
    trustHost: true,
    session: { strategy: "jwt", maxAge: env.SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/signin" },
    // Secure cookies when the console is served over https; HttpOnly and SameSite=Lax always.
    useSecureCookies: env.CONSOLE_URL.startsWith("https:"),
    providers: [
      Credentials({
        credentials: { ticket: {} },
        authorize: async (credentials) => {
          const ticket = typeof credentials?.ticket === "string" ? credentials.ticket : "";
          const userId = verifyTicket("session", ticket);
          if (userId) return { id: userId };
          // Only the sign-up action mints this purpose, so a sign-in cannot pass itself off as one to stay unannounced.
          const newUserId = verifyTicket("sign-up", ticket);
          return newUserId ? { id: newUserId, signUp: true } : null;
        },
      }),
    ],
    callbacks: {
      jwt: async ({ token, user }) => {
        if (user?.id) {
          const h = await headers();
          token.sub = user.id;
          const ip = clientIp(h);
          token.sid = await createSession(
            user.id,
            { userAgent: h.get("user-agent"), ipAddress: ip === UNKNOWN_IP ? null : ip },
            { notifySignIn: !user.signUp },
          );
        }
        return token;
      },
      session: async ({ session, token }) => {
        session.sid = typeof token.sid === "string" ? token.sid : undefined;
        return session;
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => config());
