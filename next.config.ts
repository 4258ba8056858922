import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // pg and argon2 are native/node-only; keep them out of the server bundle.
  serverExternalPackages: ["pg", "@node-rs/argon2"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
