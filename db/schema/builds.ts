import { sql } from "drizzle-orm";
import { boolean, check, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { repositories } from "./repositories";
import { users } from "./users";

export const BUILD_CREDENTIAL_KINDS = ["none", "token", "deploy_key"] as const;
export type BuildCredentialKind = (typeof BUILD_CREDENTIAL_KINDS)[number];
export type BuildArg = { key: string; value: string };

/**
 * Where a repository's images are built from (issue 23), one row per repository once an admin
 * saves a source. The credential (an access token, or the private half of a console-generated
 * ed25519 deploy key in OpenSSH PEM) is AES-256-GCM sealed (lib/security/crypto.ts) and never
 * shown again; only the deploy key's public half is kept in clear, to show to the admin.
 */
export const buildSettings = pgTable(
  "build_settings",
  {
    repositoryId: uuid()
      .primaryKey()
      .references(() => repositories.id, { onDelete: "cascade" }),
    gitUrl: text().notNull(),
    credentialKind: text().$type<BuildCredentialKind>().notNull().default("none"),
    credentialEnc: text(),
    deployPublicKey: text(),
    // The build trigger endpoint's HMAC secret (sealed), generated with the row.
    webhookSecretEnc: text().notNull(),
    updatedById: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("build_settings_updated_by_id_idx").on(t.updatedById),
    check("build_settings_credential_kind", sql`${t.credentialKind} in ('none', 'token', 'deploy_key')`),
    // A credential kind always comes with its secret, and none with none.
    check(
      "build_settings_credential_present",
      sql`(${t.credentialKind} = 'none') = (${t.credentialEnc} is null)
        and (${t.credentialKind} = 'deploy_key') = (${t.deployPublicKey} is not null)`,
    ),
  ],
);

/**
 * A repository's build rules (at most 10): which branch or tag builds which image tag, Tencent
 * TCR / Docker Hub style. `sourceRegex`: `sourceName` is an RE2 pattern (lib/builds/rules.ts).
 */
export const buildRules = pgTable(
  "build_rules",
  {
    id: uuid().primaryKey().defaultRandom(),
    repositoryId: uuid()
      .notNull()
      .references(() => repositories.id, { onDelete: "cascade" }),
    sourceType: text().$type<"branch" | "tag">().notNull(),
    sourceName: text().notNull(),
    sourceRegex: boolean().notNull().default(false),
    tagTemplate: text().notNull(),
    dockerfilePath: text().notNull().default("Dockerfile"),
    contextDir: text().notNull().default("."),
    buildArgs: jsonb().$type<BuildArg[]>().notNull().default([]),
    enabled: boolean().notNull().default(true),
    createdById: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("build_rules_repository_id_created_at_idx").on(t.repositoryId, t.createdAt),
    index("build_rules_created_by_id_idx").on(t.createdById),
    check("build_rules_source_type", sql`${t.sourceType} in ('branch', 'tag')`),
  ],
);
