import type { NextConfig } from "next";
import { nonDocumentHeaders } from "./lib/http/security-headers";

const nextConfig: NextConfig = {
  // pg and argon2 are native/node-only; keep them out of the server bundle.
  serverExternalPackages: ["pg", "@node-rs/argon2"],
  poweredByHeader: false,
  // Lets parallel work trees/builds on one machine keep separate outputs (default .next).
  distDir: process.env.NEXT_DIST_DIR || ".next",
  typedRoutes: false,
  // Build assets skip proxy.ts, which sets the headers of everything else (HSTS too, from the env).
  async headers() {
    const headers = nonDocumentHeaders({ hstsMaxAge: 0 }).map(([key, value]) => ({ key, value }));
    return [{ source: "/_next/static/:path*", headers }, { source: "/favicon.ico", headers }];
  },
};

export default nextConfig;
