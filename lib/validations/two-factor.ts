import { z } from "zod";

export const totpCodeSchema = z
  .string({ error: "Enter the 6-digit code from your authenticator app" })
  .trim()
  .regex(/^\d{6}$/, "Enter the 6-digit code from your authenticator app");

export const enableTwoFactorSchema = z.object({ enrollment: z.string().min(1, "Start again").max(2000), code: totpCodeSchema });
export const confirmWithCodeSchema = z.object({ code: totpCodeSchema });
