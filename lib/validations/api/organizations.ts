import { z } from "zod";
import { pageQuery } from "./page-query";
import {
  createOrganizationSchema,
  createTeamSchema,
  deleteOrganizationSchema,
  invitationResponseSchema,
  inviteMemberSchema,
  orgSettingsSchema,
  teamNameSchema,
  teamPermissionSchema,
} from "@/lib/validations/organization";
import { visibilitySchema } from "@/lib/validations/repository";
import { profileSchema } from "@/lib/validations/settings";
import { namespaceParam, repositoryPathParams } from "./repositories";

// Field rules are the UI's (lib/validations/organization.ts, settings.ts), reused; only the JSON
// names (snake_case) and the shapes PATCH needs (optional, null clears) are the API's own.

// Path segments.
export const orgParams = z.object({ org: namespaceParam.describe("Organization name") });
const usernameParam = z
  .string()
  .regex(/^[a-z0-9]{4,30}$/, "Not a username")
  .describe("A user's name");
export const orgMemberParams = orgParams.extend({ username: usernameParam });
// Teams are addressed by name (unique in their organization, like a GitHub team slug): renaming a team changes its URL.
export const teamParams = orgParams.extend({
  team: teamNameSchema.describe("Team name (teams are addressed by name; `owners` is the built-in owners team)"),
});
export const teamMemberParams = teamParams.extend({ username: usernameParam });
export const teamRepositoryParams = teamParams.extend({
  repository: repositoryPathParams.shape.name.describe("Repository name in the organization"),
});
export const invitationParams = z.object({
  id: invitationResponseSchema.shape.invitationId.describe("Invitation id (from GET /user/invitations)"),
});

export const listQuery = z.object({ ...pageQuery });

// Bodies.
export const createOrganizationBody = z.object({
  name: createOrganizationSchema.shape.name.describe("4–30 lowercase letters and digits; shared with usernames"),
  display_name: createOrganizationSchema.shape.displayName.default(""),
});

// A profile field in a PATCH: absent keeps it, "" or null clears it.
const clearable = <S extends z.ZodType>(s: S) =>
  s.nullable().optional().describe('Absent: unchanged; "" or null: cleared');

export const updateOrganizationBody = z
  .object({
    display_name: clearable(profileSchema.shape.displayName),
    company: clearable(profileSchema.shape.company),
    location: clearable(profileSchema.shape.location),
    website: clearable(profileSchema.shape.website),
    default_visibility: visibilitySchema
      .optional()
      .describe("Visibility of repositories created without one (and of first pushes)"),
    // A number in JSON, checked by the settings form's own rule once written the way the form sends it.
    private_repo_quota: z
      .number({ error: "Enter a whole number, or null for no limit" })
      .int("Enter a whole number, or null for no limit")
      .min(0, "Must be 0 or more")
      .max(9_999_999, "Too large")
      .nullable()
      .transform((v) => (v === null ? "" : String(v)))
      .pipe(orgSettingsSchema.shape.privateRepoQuota)
      .optional()
      .describe("Most private repositories the organization may have; null: no limit"),
  })
  .refine(
    (b) => Object.values(b).some((v) => v !== undefined),
    "Send at least one of display_name, company, location, website, default_visibility, private_repo_quota",
  );

export const deleteOrganizationBody = z.object({
  confirmation: deleteOrganizationSchema.shape.confirmation.describe(
    "The organization's name, typed (as in the console)",
  ),
  password: deleteOrganizationSchema.shape.currentPassword.describe(
    "The token owner's account password (as in the console)",
  ),
});

export const createInvitationBody = z.object({
  invitee: inviteMemberSchema.shape.invitee.describe("A username, or an email address (who may sign up with it)"),
});

export const createTeamBody = z.object({
  name: createTeamSchema.shape.name,
  description: createTeamSchema.shape.description.default(""),
});

export const updateTeamBody = z
  .object({
    name: createTeamSchema.shape.name.optional().describe("New name (the owners team keeps its name)"),
    description: createTeamSchema.shape.description.optional(),
  })
  .refine((b) => b.name !== undefined || b.description !== undefined, "Send name, description or both");

export const teamRepositoryBody = z.object({
  permission: teamPermissionSchema.shape.permission
    .exclude(["none"], { error: "Choose read, write or admin" })
    .describe("read: pull; write: pull and push; admin: also delete and settings. Remove access with DELETE."),
});

// Responses.
const isoDate = z.string().describe("ISO 8601 date and time");

export const organizationSummaryResource = z.object({
  name: z.string(),
  display_name: z.string().nullable(),
  role: z.enum(["owner", "member"]).describe("The token user's standing"),
  url: z.string().describe("The organization's page in the console"),
});

// Tiered like the console's pages: the profile header for everyone, the quota line for members, settings for owners.
export const organizationResource = z.object({
  name: z.string(),
  display_name: z.string().nullable(),
  location: z.string().nullable(),
  url: z.string().describe("The organization's page in the console"),
  role: z
    .enum(["owner", "member", "none"])
    .describe("The token user's standing: none for people outside it, who see only the public profile"),
  created_at: isoDate.optional().describe("Members only"),
  private_repo_count: z.number().int().optional().describe("Members only"),
  private_repo_quota: z.number().int().nullable().optional().describe("Members only; null: no limit"),
  company: z.string().nullable().optional().describe("Owners only"),
  website: z.string().nullable().optional().describe("Owners only"),
  default_visibility: z.enum(["public", "private"]).optional().describe("Owners only"),
});

export const memberResource = z.object({
  username: z.string(),
  display_name: z.string().nullable(),
  role: z.enum(["owner", "member"]).describe("owner: in the owners team"),
  joined_at: isoDate,
});

export const invitationResource = z.object({
  id: z.string(),
  organization: z.string(),
  invitee_username: z.string().nullable().describe("Set when invited by username"),
  invitee_email: z.string().nullable().describe("Set when invited by email"),
  invited_by: z.string().nullable(),
  created_at: isoDate,
  expires_at: isoDate,
});

export const createdInvitationResource = invitationResource.extend({
  emailed: z
    .boolean()
    .describe("false when the email could not be sent (the invitee still sees the invitation when signed in)"),
});

export const userInvitationResource = z.object({
  id: z.string(),
  organization: z.string(),
  created_at: isoDate,
  expires_at: isoDate,
});

export const teamResource = z.object({
  name: z.string(),
  description: z.string(),
  owners_team: z.boolean().describe("The built-in owners team: full control, cannot be renamed or deleted"),
  member_count: z.number().int(),
});

export const teamDetailResource = teamResource.extend({
  created_at: isoDate,
  members: z.array(z.object({ username: z.string() })),
  repositories: z.array(z.object({ name: z.string(), permission: z.enum(["read", "write", "admin"]) })),
});
