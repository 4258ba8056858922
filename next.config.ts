import type { NextConfig } from "next";
import { nonDocumentHeaders } from "./lib/http/security-headers";

const nextConfig: NextConfig = {
  // pg and argon2 are native/node-only; keep them out of the server bundle.
  serverExternalPackages: ["pg", "@node-rs/argon2"],
  poweredByHeader: false,
  // Lets parallel work trees/builds on one machine keep separate outputs (default .next).
  distDir: process.env.NEXT_DIST_DIR || ".next",
  typedRoutes: false,
  // A form body above this limit is refused by Next before any action runs (the form shows the
  // generic error); below it, zod's per-field limits answer with a field message. 2 MB keeps a
  // pasted 1 MB README in the overview box (limit 25,000 characters) in the second case.
  experimental: { serverActions: { bodySizeLimit: "2mb" } },
  // Build assets skip proxy.ts, which sets the headers of everything else (HSTS too, from the env).
  async headers() {
    const headers = nonDocumentHeaders({ hstsMaxAge: 0 }).map(([key, value]) => ({ key, value }));
    return [
      { source: "/_next/static/:path*", headers },
      { source: "/favicon.ico", headers },
    ];
  },
};

export default nextConfig;
