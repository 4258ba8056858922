import { z } from "zod";

export const TOKEN_SCOPES = ["read", "read_write", "read_write_delete"] as const;

export const SCOPE_LABELS: Record<(typeof TOKEN_SCOPES)[number], string> = {
  read: "Read-only",
  read_write: "Read & Write",
  read_write_delete: "Read, Write & Delete",
};

/** Expiry choices, in days; "never" keeps the token until it is deleted or deactivated. */
export const TOKEN_EXPIRY_CHOICES = ["30", "60", "90", "365", "never"] as const;

export const createTokenSchema = z.object({
  description: z
    .string({ error: "Enter a description" })
    .trim()
    .min(1, "Enter a description")
    .max(100, "Must be at most 100 characters"),
  scope: z.enum(TOKEN_SCOPES, { error: "Choose a scope" }),
  expiry: z.enum(TOKEN_EXPIRY_CHOICES, { error: "Choose an expiry" }),
});
export type CreateTokenInput = z.infer<typeof createTokenSchema>;

export const tokenIdSchema = z.object({ tokenId: z.uuid("Unknown token") });
export const setTokenActiveSchema = tokenIdSchema.extend({ active: z.enum(["true", "false"]) });
