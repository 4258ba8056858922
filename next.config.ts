import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // pg and argon2 are native/node-only; keep them out of the server bundle.
  serverExternalPackages: ["pg", "@node-rs/argon2"],
  poweredByHeader: false,
  // Lets parallel work trees/builds on one machine keep separate outputs (default .next).
  distDir: process.env.NEXT_DIST_DIR || ".next",
  typedRoutes: false,
};

export default nextConfig;
