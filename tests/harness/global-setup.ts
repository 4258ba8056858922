import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startSmtpSink } from "./smtp-sink";
import { startConsoleInstance, type ConsoleInstance } from "./console-instance";
import { createTestDatabase, type TestDatabase } from "./test-database";

export type ProvidedConsole = {
  url: string;
  registryUrl: string;
  registryHost: string;
  databaseUrl: string;
  dataDir: string;
  admin: { username: string; password: string };
  eventsSecret: string;
  authSecret: string;
  mailDir: string;
  smtpUrl: string;
  keyFile: string;
  certFile: string;
};

declare module "vitest" {
  export interface ProvidedContext {
    console: ProvidedConsole;
  }
}

let db: TestDatabase | undefined;
let instance: ConsoleInstance | undefined;
let sink: Awaited<ReturnType<typeof startSmtpSink>> | undefined;

/** One fresh PostgreSQL database and one running console + registry for the integration run. */
export async function setup(project: TestProject) {
  db = await createTestDatabase();
  // A real SMTP server: the console's emails land in mailDir as JSON for tests to read.
  sink = await startSmtpSink(await fs.mkdtemp(path.join(os.tmpdir(), "rcp-mail-")));
  instance = await startConsoleInstance({ databaseUrl: db.url, env: { SMTP_URL: sink.url } });
  project.provide("console", {
    url: instance.url,
    registryUrl: instance.registryUrl,
    registryHost: instance.registryHost,
    databaseUrl: db.url,
    dataDir: instance.dataDir,
    admin: instance.admin,
    eventsSecret: instance.eventsSecret,
    authSecret: instance.authSecret,
    mailDir: sink.dir,
    smtpUrl: sink.url,
    keyFile: instance.keyFile,
    certFile: instance.certFile,
  });
}

export async function teardown() {
  const code = await instance?.stop();
  if (instance) {
    // The console's own log, for reading a failed run after the fact (CI keeps .reports).
    await fs.mkdir(".reports", { recursive: true });
    await fs.writeFile(path.join(".reports", "console.log"), instance.output());
    if (code !== 0) console.error(`console exited with ${code}:\n${instance.output().slice(-4000)}`);
  }
  await db?.drop();
  await sink?.stop();
}
