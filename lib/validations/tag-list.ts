import { z } from "zod";
import { pageSizeSchema } from "@/lib/validations/pagination";

/** The tag list's filters live in the URL; anything odd there falls back to the defaults. */
export const tagListQuerySchema = z.object({
  q: z.string().trim().max(128).catch("").default(""),
  sort: z.enum(["pushed", "name"]).catch("pushed").default("pushed"),
  // 100,000 tags at 25 a page.
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
  page_size: pageSizeSchema,
});

export type TagListQuery = z.infer<typeof tagListQuerySchema>;

/** A tag as the registry allows it (OCI distribution spec). */
export const tagNameSchema = z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/);

/** `?platform=<digest>` on the image page; anything else means "the first platform". */
export const imagePageQuerySchema = z.object({
  platform: z
    .string()
    .regex(/^sha256:[a-f0-9]{64}$/)
    .optional()
    .catch(undefined),
});

/** `?a=<tag>&b=<tag>&platform=os/arch[/variant]` on the compare page. */
export const compareQuerySchema = z.object({
  a: tagNameSchema.optional().catch(undefined),
  b: tagNameSchema.optional().catch(undefined),
  platform: z
    .string()
    .regex(/^[a-z0-9]+\/[a-z0-9]+(\/[a-z0-9]+)?$/)
    .optional()
    .catch(undefined),
});
