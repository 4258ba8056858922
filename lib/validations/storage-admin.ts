import { z } from "zod";

/** Admin → Storage's URL: the page of each table (namespaces `?page=`, repositories `?repo_page=`); odd values mean page 1. */
export const storageAdminQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
  repo_page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});
export type StorageAdminQuery = z.infer<typeof storageAdminQuerySchema>;

/** Rows per table on Admin → Storage. */
export const STORAGE_ADMIN_PAGE_SIZE = 10;

/** Days of daily snapshots the chart shows. */
export const STORAGE_HISTORY_DAYS = 30;
