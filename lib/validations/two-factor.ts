import { z } from "zod";

export const totpCodeSchema = z
  .string({ error: "Enter the 6-digit code from your authenticator app" })
  .trim()
  .regex(/^\d{6}$/, "Enter the 6-digit code from your authenticator app");

// `enrollment` is the sealed pending secret from the QR step; an error on it offers a new QR code.
const enrollmentSchema = z
  .string({ error: "This setup is incomplete. Get a new QR code and scan it again." })
  .min(1, "This setup is incomplete. Get a new QR code and scan it again.")
  .max(2000, "This setup is not valid. Get a new QR code and scan it again.");

export const enableTwoFactorSchema = z.object({ enrollment: enrollmentSchema, code: totpCodeSchema });
export const confirmWithCodeSchema = z.object({ code: totpCodeSchema });
