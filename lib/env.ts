import { z } from "zod";

/**
 * Webhook retries by default: 10 attempts, the first retry after 10 s, doubling (capped at 1 h):
 * the last attempt is 85 minutes after the first, so a receiver that is down for an hour still
 * gets the delivery once it is back; after that the delivery is marked failed.
 */
export const WEBHOOK_RETRY_DEFAULTS = { maxAttempts: 10, baseSeconds: 10 };

/**
 * Runtime configuration, parsed once on first use. Lazy on purpose: `next build` imports route
 * modules without a database or registry, and must not fail because they are absent.
 */
const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().url(),
  // The embedded database (PGlite) serves one connection; a larger pool would only queue there.
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  // The in-memory cache of token and permission lookups (lib/data/access-cache.ts). It holds one
  // database connection open for notifications, so the start command turns it off on the embedded
  // database, which serves a single connection.
  ACCESS_CACHE: z.enum(["on", "off"]).default("on"),
  CONSOLE_URL: z.string().url().default("http://127.0.0.1:3000"),
  REGISTRY_URL: z.string().url().default("http://127.0.0.1:5001"),
  // The filesystem storage of the registry the start command runs (unset or empty for an external
  // REGISTRY_URL): the front door serves blob downloads from it itself (lib/front-door/blob-from-storage.ts).
  // Not named REGISTRY_*: the registry, which inherits the start command's environment when it is
  // restarted, reads REGISTRY_* variables as settings (REGISTRY_STORAGE_DIR broke its config).
  FRONT_DOOR_STORAGE_DIR: z.preprocess((v) => (v === "" ? undefined : v), z.string().min(1).optional()),
  // What people type after `docker login`: host[:port] as clients reach the registry API. By
  // default the console's own address, where the front door serves it (lib/front-door).
  REGISTRY_PUBLIC_HOST: z.string().min(1).optional(),
  REGISTRY_SERVICE: z.string().min(1).default("registry-console"),
  REGISTRY_ISSUER: z.string().min(1).default("registry-console"),
  REGISTRY_TOKEN_KEY_FILE: z.string().min(1),
  REGISTRY_TOKEN_CERT_FILE: z.string().min(1),
  REGISTRY_EVENTS_SECRET: z.string().min(16),
  REGISTRY_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5000),
  TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(3600).default(300),
  // Signs session cookies and sign-in tickets; the encryption key for TOTP secrets is derived from it.
  AUTH_SECRET: z.string().min(16),
  SESSION_MAX_AGE_SECONDS: z.coerce
    .number()
    .int()
    .min(300)
    .default(7 * 24 * 3600),
  // smtp://user:pass@host:port; unset: emails are written to the log (local development).
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().min(3).default("Dockyard <no-reply@dockyard.local>"),
  // Only behind a reverse proxy that sets X-Forwarded-For may the console believe that header.
  TRUST_PROXY: z.enum(["0", "1", "true", "false"]).default("0"),
  // Strict-Transport-Security max-age in seconds; 0 sends none. Set it (e.g. 31536000) only when
  // the console is served over HTTPS: browsers then refuse plain HTTP to this host for that long.
  HSTS_MAX_AGE: z.coerce.number().int().min(0).max(63_072_000).default(0),
  // How often interrupted repository deletions are retried in the background.
  DELETION_RETRY_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  // How often the registry is pinged; when it answers after an outage the index is reconciled.
  INDEX_WATCH_SECONDS: z.coerce.number().int().min(1).max(3600).default(15),
  // The job queue (webhook deliveries, notification emails): how often an idle worker looks for due jobs.
  JOB_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  // Webhook deliveries: per-request timeout, attempts in all, and the first retry delay (doubling after).
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(WEBHOOK_RETRY_DEFAULTS.maxAttempts),
  WEBHOOK_RETRY_BASE_SECONDS: z.coerce.number().min(0.1).max(3600).default(WEBHOOK_RETRY_DEFAULTS.baseSeconds),
  // Automated builds (issue 23): builds this console process runs at once (0: none here, another
  // console runs them), the time one may take, and the cap of its stored log.
  BUILD_CONCURRENCY: z.coerce.number().int().min(0).max(16).default(1),
  BUILD_TIMEOUT_MINUTES: z.coerce.number().min(0.05).max(360).default(30),
  BUILD_LOG_LIMIT_MB: z.coerce.number().min(0.01).max(500).default(50),
  // Where builds clone and keep each repository's layer cache. The build user must be able to
  // traverse it, so not under the console's data directory (0700): by default /var/tmp/dockyard-builds.
  BUILD_DIR: z.string().min(1).default("/var/tmp/dockyard-builds"),
});

export type Env = z.infer<typeof envSchema> & { REGISTRY_PUBLIC_HOST: string };

let cached: Env | undefined;

export function getEnv(): Env {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${fields}`);
  }
  const data = parsed.data;
  cached = { ...data, REGISTRY_PUBLIC_HOST: data.REGISTRY_PUBLIC_HOST ?? new URL(data.CONSOLE_URL).host };
  return cached;
}
