import { inject } from "vitest";

/**
 * Gives test workers the same environment the running console has, so tests can call services
 * and the registry client directly against the same database and registry.
 */
const c = inject("console");
Object.assign(process.env, {
  DATABASE_URL: c.databaseUrl,
  DATABASE_POOL_MAX: "4",
  CONSOLE_URL: c.url,
  REGISTRY_URL: c.registryUrl,
  REGISTRY_TOKEN_KEY_FILE: c.keyFile,
  REGISTRY_TOKEN_CERT_FILE: c.certFile,
  REGISTRY_EVENTS_SECRET: c.eventsSecret,
  AUTH_SECRET: c.authSecret,
  SMTP_URL: c.smtpUrl,
});
