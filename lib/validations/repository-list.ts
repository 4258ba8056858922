import { z } from "zod";
import { pageSizeSchema } from "@/lib/validations/pagination";

/** Dashboard and explore filters live in the URL; anything odd there falls back to the defaults. */
export const repositoryListQuerySchema = z.object({
  ns: z
    .string()
    .regex(/^[a-z0-9]{4,30}$/)
    .optional()
    .catch(undefined),
  q: z.string().trim().max(100).catch("").default(""),
  sort: z.enum(["name", "pushed", "pulls", "stars"]).catch("pushed").default("pushed"),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
  page_size: pageSizeSchema,
});
