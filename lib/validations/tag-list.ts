import { z } from "zod";

/** The tag list's filters live in the URL; anything odd there falls back to the defaults. */
export const tagListQuerySchema = z.object({
  q: z.string().trim().max(128).catch("").default(""),
  sort: z.enum(["pushed", "name"]).catch("pushed").default("pushed"),
  // 100,000 tags at 25 a page.
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});

export type TagListQuery = z.infer<typeof tagListQuerySchema>;
