import {
  boolean,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { namespaces } from "./namespaces";
import { repositories } from "./repositories";
import { users } from "./users";

/** An organization is a namespace of kind `org`; this row holds what only organizations have. */
export const organizations = pgTable(
  "organizations",
  {
    namespaceId: uuid()
      .primaryKey()
      .references(() => namespaces.id, { onDelete: "cascade" }),
    displayName: text(),
    company: text(),
    location: text(),
    website: text(),
    // Null: no limit. Creating or first-pushing a private repository past it is refused.
    privateRepoQuota: integer(),
    createdById: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("organizations_created_by_id_idx").on(t.createdById)],
);

export const organizationMembers = pgTable(
  "organization_members",
  {
    organizationId: uuid()
      .notNull()
      .references(() => organizations.namespaceId, { onDelete: "cascade" }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    joinedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.userId] }),
    index("organization_members_user_id_idx").on(t.userId),
  ],
);

/** Teams; the built-in `owners` team (is_owners) may do everything in its organization. */
export const teams = pgTable(
  "teams",
  {
    id: uuid().primaryKey().defaultRandom(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.namespaceId, { onDelete: "cascade" }),
    name: text().notNull(),
    description: text().notNull().default(""),
    isOwners: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("teams_organization_id_name_unique").on(t.organizationId, t.name)],
);

export const teamMembers = pgTable(
  "team_members",
  {
    teamId: uuid()
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    addedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId] }), index("team_members_user_id_idx").on(t.userId)],
);

/** Docker Hub's three repository permissions for a team. */
export const teamPermission = pgEnum("team_permission", ["read", "write", "admin"]);

export const teamRepositoryPermissions = pgTable(
  "team_repository_permissions",
  {
    teamId: uuid()
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    repositoryId: uuid()
      .notNull()
      .references(() => repositories.id, { onDelete: "cascade" }),
    permission: teamPermission().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.teamId, t.repositoryId] }),
    index("team_repository_permissions_repository_id_idx").on(t.repositoryId),
  ],
);

export const invitationStatus = pgEnum("invitation_status", ["pending", "accepted", "declined", "revoked"]);

export const organizationInvitations = pgTable(
  "organization_invitations",
  {
    id: uuid().primaryKey().defaultRandom(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.namespaceId, { onDelete: "cascade" }),
    // Invited by username (an existing account) or by email (who may sign up first).
    inviteeUserId: uuid().references(() => users.id, { onDelete: "cascade" }),
    inviteeEmail: text(),
    teamId: uuid().references(() => teams.id, { onDelete: "set null" }),
    invitedById: uuid().references(() => users.id, { onDelete: "set null" }),
    tokenHash: text().notNull().unique(),
    status: invitationStatus().notNull().default("pending"),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    respondedAt: timestamp({ withTimezone: true }),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    index("organization_invitations_organization_id_idx").on(t.organizationId),
    index("organization_invitations_invitee_user_id_idx").on(t.inviteeUserId),
    index("organization_invitations_team_id_idx").on(t.teamId),
    index("organization_invitations_invited_by_id_idx").on(t.invitedById),
  ],
);
