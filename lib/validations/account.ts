import { z } from "zod";
import { COMMON_PASSWORDS } from "@/lib/validations/common-passwords";
import { RESERVED_NAMESPACES } from "@/lib/validations/reserved-names";

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 256;

/** Docker Hub's rule: 4–30 lowercase letters and digits; shared by usernames and organization names. */
export const namespaceNameSchema = z
  .string({ error: "Enter a name" })
  .trim()
  .min(4, "Must be at least 4 characters")
  .max(30, "Must be at most 30 characters")
  .regex(/^[a-z0-9]+$/, "Use only lowercase letters (a–z) and digits (0–9)")
  .refine((n) => !RESERVED_NAMESPACES.has(n), "This name is reserved");

export const emailSchema = z
  .string({ error: "Enter an email address" })
  .trim()
  .toLowerCase()
  .min(1, "Enter an email address")
  .max(254, "Must be at most 254 characters")
  .pipe(z.email("Enter a valid email address"));

export const newPasswordSchema = z
  .string({ error: "Enter a password" })
  .min(PASSWORD_MIN, `Must be at least ${PASSWORD_MIN} characters`)
  .max(PASSWORD_MAX, `Must be at most ${PASSWORD_MAX} characters`)
  .refine((p) => !COMMON_PASSWORDS.has(p.toLowerCase()), "This password is too common; choose another");

export const signUpSchema = z.object({
  username: namespaceNameSchema,
  email: emailSchema,
  password: newPasswordSchema,
});
export type SignUpInput = z.infer<typeof signUpSchema>;

export const signInSchema = z.object({
  login: z.string().trim().min(1, "Enter your username or email").max(254, "Too long"),
  password: z.string().min(1, "Enter your password").max(PASSWORD_MAX, "Too long"),
  callbackUrl: z.string().max(2000).optional(),
});
export type SignInInput = z.infer<typeof signInSchema>;

/** Second step: a 6-digit code from the authenticator app, or a recovery code (xxxxx-xxxxx). */
export const signInCodeSchema = z.object({
  ticket: z.string().min(1).max(1000),
  code: z
    .string()
    .trim()
    .min(1, "Enter the code from your authenticator app or a recovery code")
    .max(32, "Too long")
    .regex(/^(\d{6}|[a-z0-9]{5}-?[a-z0-9]{5})$/i, "Enter a 6-digit code or a recovery code like abcde-12345"),
  callbackUrl: z.string().max(2000).optional(),
});
