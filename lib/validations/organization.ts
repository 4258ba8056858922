import { z } from "zod";
import { emailSchema, namespaceNameSchema } from "./account";
import { profileSchema } from "./settings";
import { visibilitySchema } from "./repository";

export const createOrganizationSchema = z.object({
  name: namespaceNameSchema,
  displayName: z.string().trim().max(100, "Must be at most 100 characters"),
});

/** Invite by username or email: one field, told apart by the @. */
export const inviteMemberSchema = z.object({
  org: z.string().min(1).max(30),
  invitee: z
    .string({ error: "Enter a username or email" })
    .trim()
    .min(1, "Enter a username or email")
    .max(254, "Must be at most 254 characters")
    .refine(
      (v) => (v.includes("@") ? emailSchema.safeParse(v).success : /^[a-z0-9]{4,30}$/.test(v.toLowerCase())),
      "Enter a valid username or email address",
    ),
});

export const invitationResponseSchema = z.object({
  invitationId: z.uuid("Unknown invitation"),
  accept: z.enum(["true", "false"]),
  org: z.string().regex(/^[a-z0-9]{4,30}$/),
});

/** Revoke or resend one of an organization's pending invitations (owners). */
export const orgInvitationSchema = z.object({
  org: z.string().min(1).max(30),
  invitationId: z.uuid("Unknown invitation"),
});

export const orgMemberSchema = z.object({ org: z.string().min(1).max(30), userId: z.uuid("Unknown member") });

export const teamNameSchema = z
  .string({ error: "Enter a team name" })
  .trim()
  .min(2, "Must be at least 2 characters")
  .max(50, "Must be at most 50 characters")
  .regex(/^[a-z0-9][a-z0-9_-]*$/, "Use lowercase letters, digits, - and _, starting with a letter or digit");

export const createTeamSchema = z.object({
  org: z.string().min(1).max(30),
  name: teamNameSchema,
  description: z.string().trim().max(200, "Must be at most 200 characters"),
});
export const updateTeamSchema = createTeamSchema.extend({ teamId: z.uuid("Unknown team") });
export const teamIdSchema = z.object({ org: z.string().min(1).max(30), teamId: z.uuid("Unknown team") });
export const teamMemberSchema = teamIdSchema.extend({
  username: z.string().trim().toLowerCase().min(1, "Enter a username").max(30, "Must be at most 30 characters"),
});
export const teamMemberRemoveSchema = teamIdSchema.extend({ userId: z.uuid("Unknown member") });
export const teamPermissionSchema = teamIdSchema.extend({
  repository: z.string().trim().min(1, "Choose a repository").max(200),
  permission: z.enum(["read", "write", "admin", "none"], { error: "Choose a permission" }),
});

export const orgSettingsSchema = profileSchema.extend({
  org: z.string().min(1).max(30),
  defaultVisibility: visibilitySchema,
  privateRepoQuota: z
    .string()
    .trim()
    .max(7, "Too large")
    .refine((v) => v === "" || /^\d+$/.test(v), "Enter a whole number, or leave empty for no limit"),
});

export const deleteOrganizationSchema = z.object({
  org: z.string().min(1).max(30),
  confirmation: z.string().trim().min(1, "Type the organization's name to confirm").max(100, "Too long"),
  currentPassword: z.string().min(1, "Enter your current password").max(256, "Too long"),
});
