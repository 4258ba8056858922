/**
 * Playwright's web server: a fresh PostgreSQL database and the console started exactly as the
 * README's start command does, on E2E_PORT. Drops the database when Playwright stops it.
 */
import fs from "node:fs/promises";
import { startConsoleInstance } from "./console-instance";
import { e2eMailDir } from "./e2e-mail-dir";
import { startSmtpSink } from "./smtp-sink";
import { createTestDatabase } from "./test-database";

const port = Number(process.env.E2E_PORT ?? 3917);
const db = await createTestDatabase("rcp_e2e");
// Emails go to a real SMTP server writing into a folder the Playwright tests read (same path from E2E_PORT).
await fs.rm(e2eMailDir(port), { recursive: true, force: true });
const sink = await startSmtpSink(e2eMailDir(port));
let instance: Awaited<ReturnType<typeof startConsoleInstance>> | undefined;
let stopping = false;

async function shutdown(code: number) {
  // Stopping the console fires its exit handler below; one shutdown is enough.
  if (stopping) return;
  stopping = true;
  await instance?.stop();
  await db.drop();
  await sink.stop();
  process.exit(code);
}
process.on("SIGTERM", () => void shutdown(0));
process.on("SIGINT", () => void shutdown(0));

try {
  instance = await startConsoleInstance({
    databaseUrl: db.url,
    port,
    adminPassword: process.env.E2E_ADMIN_PASSWORD,
    env: { SMTP_URL: sink.url },
  });
  console.log(`[e2e] console on ${instance.url}, registry ${instance.registryHost}, database ${db.name}`);
  instance.child.once("exit", (code) => {
    if (stopping) return;
    console.error(`[e2e] console exited (${code})\n${instance?.output().slice(-4000)}`);
    void shutdown(1);
  });
} catch (err) {
  console.error(err);
  await shutdown(1);
}
