import type { TestProject } from "vitest/node";
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

/** One fresh PostgreSQL database and one running console + registry for the integration run. */
export async function setup(project: TestProject) {
  db = await createTestDatabase();
  instance = await startConsoleInstance({ databaseUrl: db.url });
  project.provide("console", {
    url: instance.url,
    registryUrl: instance.registryUrl,
    registryHost: instance.registryHost,
    databaseUrl: db.url,
    dataDir: instance.dataDir,
    admin: instance.admin,
    eventsSecret: instance.eventsSecret,
    authSecret: instance.authSecret,
    keyFile: instance.keyFile,
    certFile: instance.certFile,
  });
}

export async function teardown() {
  const code = await instance?.stop();
  if (code !== 0 && instance) console.error(`console exited with ${code}:\n${instance.output().slice(-4000)}`);
  await db?.drop();
}
