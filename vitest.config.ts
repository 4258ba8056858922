import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = {
  "@": path.resolve(import.meta.dirname),
  // `server-only` throws outside React Server Components; tests call server modules directly.
  "server-only": path.resolve(import.meta.dirname, "tests/harness/server-only-stub.ts"),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node" },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/harness/global-setup.ts"],
          setupFiles: ["tests/harness/setup-env.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Two cores: files run one at a time so registry and console timings stay predictable.
          fileParallelism: false,
        },
      },
    ],
  },
});
