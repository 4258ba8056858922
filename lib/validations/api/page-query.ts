import { z } from "zod";

export const MAX_PAGE_SIZE = 100;

/** `?page=&page_size=` on every list endpoint (page_size at most 100). */
export const pageQuery = {
  page: z.coerce.number().int().min(1).max(100_000).default(1).describe("1-based page number"),
  page_size: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_PAGE_SIZE)
    .default(25)
    .describe(`Items per page, at most ${MAX_PAGE_SIZE}`),
};
