/**
 * Playwright's web server: a fresh PostgreSQL database and the console started exactly as the
 * README's start command does, on E2E_PORT. Drops the database when Playwright stops it.
 */
import { startConsoleInstance } from "./console-instance";
import { createTestDatabase } from "./test-database";

const port = Number(process.env.E2E_PORT ?? 3917);
const db = await createTestDatabase("rcp_e2e");
let instance: Awaited<ReturnType<typeof startConsoleInstance>> | undefined;

async function shutdown(code: number) {
  await instance?.stop();
  await db.drop();
  process.exit(code);
}
process.on("SIGTERM", () => void shutdown(0));
process.on("SIGINT", () => void shutdown(0));

try {
  instance = await startConsoleInstance({ databaseUrl: db.url, port, adminPassword: process.env.E2E_ADMIN_PASSWORD });
  console.log(`[e2e] console on ${instance.url}, registry ${instance.registryHost}, database ${db.name}`);
  instance.child.once("exit", (code) => {
    console.error(`[e2e] console exited (${code})\n${instance?.output().slice(-4000)}`);
    void shutdown(1);
  });
} catch (err) {
  console.error(err);
  await shutdown(1);
}
