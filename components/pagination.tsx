import { TextLink } from "@/components/ui/text-link";

/** Previous / "Page n of m" / Next, with each page's URL built by `href` (filters stay in the URL). */
export function Pagination({ page, pages, href }: { page: number; pages: number; href: (page: number) => string }) {
  if (pages <= 1) return null;
  return (
    <nav aria-label="Pagination" className="flex items-center justify-between text-sm">
      {page > 1 ? <TextLink href={href(page - 1)}>← Previous</TextLink> : <span />}
      <span className="text-slate-500">
        Page {page} of {pages}
      </span>
      {page < pages ? <TextLink href={href(page + 1)}>Next →</TextLink> : <span />}
    </nav>
  );
}
