import type { NextConfig } from "next";
import { baseSecurityHeaders, NON_DOCUMENT_CSP } from "./lib/http/security-headers";

const nextConfig: NextConfig = {
  // pg and argon2 are native/node-only; keep them out of the server bundle.
  serverExternalPackages: ["pg", "@node-rs/argon2"],
  poweredByHeader: false,
  // Lets parallel work trees/builds on one machine keep separate outputs (default .next).
  distDir: process.env.NEXT_DIST_DIR || ".next",
  typedRoutes: false,
  // Build assets skip proxy.ts, which sets the headers of everything else (HSTS too, from the env).
  async headers() {
    const headers = [...baseSecurityHeaders({ hstsMaxAge: 0 }), ["Content-Security-Policy", NON_DOCUMENT_CSP]].map(([key, value]) => ({ key: key!, value: value! }));
    return [{ source: "/_next/static/:path*", headers }, { source: "/favicon.ico", headers }];
  },
};

export default nextConfig;
