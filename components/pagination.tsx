import Link from "next/link";
import { PillLink } from "@/components/ui/pill-link";
import { TextLink } from "@/components/ui/text-link";
import { DEFAULT_PAGE_SIZE, PAGE_SIZES } from "@/lib/validations/pagination";

type Item = number | "gap-start" | "gap-end";

/** First, last and the current page ±2, with a gap marker where pages are skipped: 1 … 5 6 7 8 9 … 20. */
export function pageItems(page: number, pages: number): Item[] {
  const shown = new Set([1, pages]);
  for (let p = page - 2; p <= page + 2; p++) if (p >= 1 && p <= pages) shown.add(p);
  const sorted = [...shown].sort((a, b) => a - b);
  const items: Item[] = [];
  for (const [i, p] of sorted.entries()) {
    const prev = sorted[i - 1];
    // A gap of exactly one page shows that page instead of an ellipsis standing for it.
    if (prev !== undefined && p - prev === 2) items.push(p - 1);
    else if (prev !== undefined && p - prev > 2) items.push(p < page ? "gap-start" : "gap-end");
    items.push(p);
  }
  return items;
}

const box = "inline-flex h-8 min-w-8 items-center justify-center rounded-md px-2 tabular-nums";

/**
 * The one pager of every list: ← Previous, page numbers, Next →, and (with `pageSize`) 25 / 50 / 100
 * per page. All are links built by `href`, so filters stay in the URL and it works without JS;
 * choosing a size goes back to page 1, since the old page number means other rows.
 */
export function Pagination({
  page,
  pages,
  href,
  pageSize,
}: {
  page: number;
  pages: number;
  href: (page: number, pageSize?: number) => string;
  pageSize?: number;
}) {
  // The size chooser matters once a list has more than the smallest page, or someone chose a bigger one.
  const showSizes = pageSize !== undefined && (pages > 1 || pageSize !== DEFAULT_PAGE_SIZE);
  if (pages <= 1 && !showSizes) return null;
  return (
    <nav
      aria-label="Pagination"
      className="flex flex-wrap items-center justify-between gap-x-6 gap-y-3 text-sm"
      data-testid="pagination"
    >
      {pages > 1 ? (
        // On a phone Previous and Next share the first row and the numbers take the second.
        <div className="flex w-full flex-wrap items-center gap-x-1 gap-y-2 sm:w-auto">
          {page > 1 ? (
            <TextLink href={href(page - 1, pageSize)} className="sm:mr-2">
              ← Previous
            </TextLink>
          ) : null}
          <ol className="order-last flex w-full flex-wrap items-center gap-1 sm:order-none sm:w-auto">
            {pageItems(page, pages).map((item) =>
              typeof item === "string" ? (
                <li key={item} aria-hidden className={`${box} text-slate-500`}>
                  …
                </li>
              ) : (
                <li key={item}>
                  {item === page ? (
                    <span aria-current="page" className={`${box} bg-brand-600 font-medium text-white`}>
                      <span className="sr-only">Page </span>
                      {item}
                    </span>
                  ) : (
                    <Link
                      href={href(item, pageSize)}
                      aria-label={`Page ${item}`}
                      className={`${box} text-slate-700 ring-1 ring-slate-200 hover:bg-slate-50`}
                    >
                      {item}
                    </Link>
                  )}
                </li>
              ),
            )}
          </ol>
          {page < pages ? (
            <TextLink href={href(page + 1, pageSize)} className="ml-auto sm:ml-2">
              Next →
            </TextLink>
          ) : null}
        </div>
      ) : (
        <span />
      )}
      {showSizes ? (
        <div className="flex items-center gap-1" role="group" aria-label="Rows per page">
          <span className="mr-1 text-slate-500">Per page</span>
          {PAGE_SIZES.map((size) => (
            <PillLink
              key={size}
              href={href(1, size)}
              active={size === pageSize}
              aria-label={`${size} per page`}
              className="tabular-nums"
            >
              {size}
            </PillLink>
          ))}
        </div>
      ) : null}
    </nav>
  );
}

/**
 * A list's URL with its filters: empty values, page 1 and the default page size are left out, so
 * links stay short and the plain list has one address.
 */
export function listUrl(path: string, params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === "") continue;
    if (key === "page" && Number(value) === 1) continue;
    if (key === "page_size" && Number(value) === DEFAULT_PAGE_SIZE) continue;
    search.set(key, String(value));
  }
  return search.size > 0 ? `${path}?${search}` : path;
}
