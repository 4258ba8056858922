import { z } from "zod";

/** A list response: Docker Hub's shape (`count`, `next`, `previous`, `results`). */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    count: z.number().int().describe("Items across all pages"),
    page: z.number().int(),
    page_size: z.number().int(),
    next: z.string().nullable().describe("URL of the next page, or null on the last"),
    previous: z.string().nullable(),
    results: z.array(item),
  });
}

export function paginate<T>(url: URL, page: number, pageSize: number, total: number, results: T[]) {
  const link = (p: number) => {
    const u = new URL(url);
    u.searchParams.set("page", String(p));
    u.searchParams.set("page_size", String(pageSize));
    return u.toString();
  };
  return {
    count: total,
    page,
    page_size: pageSize,
    next: page * pageSize < total ? link(page + 1) : null,
    previous: page > 1 ? link(page - 1) : null,
    results,
  };
}

/** One page of a list that is read whole (short by nature: your organizations, a team list, pending invitations). */
export function paginateAll<T>(url: URL, page: number, pageSize: number, all: T[]) {
  return paginate(url, page, pageSize, all.length, all.slice((page - 1) * pageSize, page * pageSize));
}
