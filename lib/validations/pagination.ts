import { z } from "zod";

/** The page sizes the lists offer; any whole number up to the largest is accepted from the URL. */
export const PAGE_SIZES = [25, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 100;

/** `?page_size=` on the console's lists: odd values fall back to the default, as the page number does. */
export const pageSizeSchema = z.coerce
  .number()
  .int()
  .min(1)
  .max(MAX_PAGE_SIZE)
  .catch(DEFAULT_PAGE_SIZE)
  .default(DEFAULT_PAGE_SIZE);

/** The number of pages for `total` rows (at least one, so "page 1 of 1" holds for an empty list). */
export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}
