import { z } from "zod";
import { emailSchema, newPasswordSchema, PASSWORD_MAX } from "./account";
import { visibilitySchema } from "./repository";

const optionalText = (max: number) => z.string().trim().max(max, `Must be at most ${max} characters`);

export const profileSchema = z.object({
  displayName: optionalText(100),
  company: optionalText(100),
  location: optionalText(100),
  website: z
    .string()
    .trim()
    .max(200, "Must be at most 200 characters")
    .refine(
      (v) => v === "" || /^https?:\/\/[^\s/$.?#].[^\s]*$/i.test(v),
      "Enter a web address starting with http:// or https://",
    ),
});
export type ProfileInput = z.infer<typeof profileSchema>;

const currentPassword = z
  .string({ error: "Enter your current password" })
  .min(1, "Enter your current password")
  .max(PASSWORD_MAX, "Too long");

export const changeEmailSchema = z.object({ email: emailSchema, currentPassword });

// Resending the pending change's link takes no input: the address is the one already stored.
export const resendEmailChangeSchema = z.object({});

export const changePasswordSchema = z
  .object({
    currentPassword,
    newPassword: newPasswordSchema,
    confirmPassword: z.string().max(PASSWORD_MAX, "Too long"),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "The passwords do not match",
  });

export const defaultVisibilitySchema = z.object({ visibility: visibilitySchema });

export const deactivateSchema = z.object({
  confirmation: z.string().trim().min(1, "Type your username to confirm").max(100, "Too long"),
  currentPassword,
});

export const verifyEmailTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/);
