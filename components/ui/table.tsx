import type { ReactNode } from "react";

/**
 * The framed settings table (tokens, docker logins, web sessions): a bordered frame that scrolls
 * sideways on its own when the page is narrower than the table, and a header row. A `null` header
 * is the row-actions column, named for screen readers only.
 */
export function Table({ headers, children }: { headers: Array<string | null>; children: ReactNode }) {
  return (
    <div className="relative overflow-x-auto rounded-lg border border-slate-200">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <thead className="bg-slate-50 text-left text-xs font-medium tracking-wide whitespace-nowrap text-slate-500 uppercase">
          <tr>
            {headers.map((h, i) => (
              <th key={h ?? `actions-${i}`} className="px-3 py-2">
                {h ?? <span className="sr-only">Actions</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 bg-surface">{children}</tbody>
      </table>
    </div>
  );
}
