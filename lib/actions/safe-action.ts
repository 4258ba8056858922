import "server-only";
import { headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { getCurrentUser } from "@/lib/auth/session";
import type { CurrentUser } from "@/lib/data/sessions";
import { AppError, UnauthorizedError, ValidationError } from "@/lib/errors";
import { clientIp } from "@/lib/http/client-ip";
import { isDatabaseUnavailable } from "@/lib/http/errors";
import { logger } from "@/lib/logger";
import { controlCharacterErrors } from "@/lib/validations/control-characters";
import type { FormState } from "./form-state";

type Ctx<A extends "user" | "public"> = { user: A extends "user" ? CurrentUser : CurrentUser | null; ip: string };

const SECRET_FIELD = /password|code|secret|token|ticket/i;

function echo(formData: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of formData.entries())
    if (typeof v === "string" && !SECRET_FIELD.test(k) && !k.startsWith("$")) out[k] = v.slice(0, 2000);
  return out;
}

/** The one place an error becomes form state: typed errors show their message, others are logged. */
export function toFormState(err: unknown, values?: Record<string, string>): FormState<never> {
  if (err instanceof ValidationError) return { ok: false, message: err.message, fieldErrors: err.fieldErrors, values };
  if (err instanceof AppError) return { ok: false, message: err.message, values };
  logger.error("server action failed", err);
  if (isDatabaseUnavailable(err))
    return { ok: false, message: "The database is not reachable right now. Try again in a moment.", values };
  return { ok: false, message: "Something went wrong on our side. Please try again.", values };
}

/**
 * Every server action goes through here: it resolves the session (refusing when `auth: "user"`
 * and nobody is signed in), parses the form with the input's zod schema, runs the handler, and
 * maps errors to form state. Redirects thrown by the handler pass through.
 */
export function formAction<S extends z.ZodType, R, A extends "user" | "public" = "user">(opts: {
  schema: S;
  auth?: A;
  handler: (input: z.infer<S>, ctx: Ctx<A>) => Promise<FormState<R> | void>;
}) {
  return async (_prev: FormState<R>, formData: FormData): Promise<FormState<R>> => {
    const values = echo(formData);
    try {
      const user = await getCurrentUser();
      if ((opts.auth ?? "user") === "user" && !user)
        throw new UnauthorizedError("Your session has ended. Sign in again.");
      const raw: Record<string, unknown> = {};
      for (const key of new Set(formData.keys())) {
        if (key.startsWith("$")) continue; // React's internal action fields
        const all = formData.getAll(key).filter((v): v is string => typeof v === "string");
        raw[key] = all.length > 1 ? all : all[0];
      }
      const control = controlCharacterErrors(raw, "form");
      if (control)
        return { ok: false, message: "Please correct the highlighted fields.", fieldErrors: control, values };
      const parsed = opts.schema.safeParse(raw);
      if (!parsed.success) {
        const fieldErrors = z.flattenError(parsed.error).fieldErrors as Record<string, string[]>;
        return { ok: false, message: "Please correct the highlighted fields.", fieldErrors, values };
      }
      const ip = clientIp(await headers());
      const result = await opts.handler(parsed.data, { user, ip } as Ctx<A>);
      return result ?? { ok: true };
    } catch (err) {
      unstable_rethrow(err);
      return toFormState(err, values);
    }
  };
}
