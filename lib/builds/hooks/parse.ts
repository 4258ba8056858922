import type { z } from "zod";
import { ValidationError } from "@/lib/errors";

/** A body checked against its format's schema, or ValidationError naming the fields (a 400). */
export function parsePayload<S extends z.ZodType>(schema: S, json: unknown, what: string): z.output<S> {
  const r = schema.safeParse(json);
  if (r.success) return r.data;
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of r.error.issues.slice(0, 10))
    (fieldErrors[issue.path.join(".") || "body"] ??= []).push(issue.message);
  throw new ValidationError(`Not a ${what} push payload`, fieldErrors);
}
