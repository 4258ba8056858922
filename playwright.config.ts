import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3917);
process.env.E2E_ADMIN_PASSWORD ??= "e2e-operator-password";

export default defineConfig({
  testDir: "e2e",
  // Per-run output dir so parallel runs on one machine do not wipe each other's artifacts.
  outputDir: process.env.PW_OUTPUT_DIR ?? "test-results",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        // Debian's Chromium: Playwright's own browser download cannot work on these machines.
        launchOptions: {
          executablePath: "/usr/bin/chromium",
          args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        },
      },
    },
  ],
  webServer: {
    command: "node --conditions=react-server --import tsx tests/harness/e2e-server.ts",
    url: `http://127.0.0.1:${port}/api/health`,
    env: { E2E_PORT: String(port), E2E_ADMIN_PASSWORD: process.env.E2E_ADMIN_PASSWORD },
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
  },
});
