import Link from "next/link";
import type { AuditActionGroup } from "@/lib/validations/audit-actions";
import { formatCount } from "@/lib/format";

export type AuditLogFilterValues = { action?: string; actor?: string; q?: string };

/**
 * Filters of the audit log: a plain GET form, so filters live in the URL (shareable, back button,
 * no JS). Submitting drops `page`, so a new filter starts on its first page.
 */
export function AuditLogFilters({ basePath, groups, values, total }: { basePath: string; groups: AuditActionGroup[]; values: AuditLogFilterValues; total: number | null }) {
  // With no match the empty state below offers the same link; one is enough.
  const showClear = Boolean(values.action || values.actor || values.q) && total !== 0;
  return (
    <form action={basePath} className="flex flex-wrap items-end gap-3" role="search" data-testid="audit-log-filters">
      <label className="text-sm">
        <span className="block font-medium text-slate-800">Action</span>
        <select name="action" defaultValue={values.action ?? ""} className="mt-1 h-10 w-72 rounded-md border border-slate-300 bg-white px-3 text-sm">
          <option value="">All actions</option>
          {groups.map((g) => (
            <optgroup key={g.group} label={g.group}>
              {g.actions.map((a) => (
                <option key={a.value} value={a.value}>
                  {a.label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </label>
      <label className="text-sm">
        <span className="block font-medium text-slate-800">Actor</span>
        <input name="actor" defaultValue={values.actor ?? ""} maxLength={64} placeholder="username" autoComplete="off" spellCheck={false} className="mt-1 h-10 w-40 rounded-md border border-slate-300 bg-white px-3 text-sm" />
      </label>
      <label className="text-sm">
        <span className="block font-medium text-slate-800">Target contains</span>
        <input name="q" defaultValue={values.q ?? ""} maxLength={200} placeholder="e.g. web or 1.0" className="mt-1 h-10 w-48 rounded-md border border-slate-300 bg-white px-3 text-sm" />
      </label>
      <button type="submit" className="h-10 rounded-md border border-slate-300 bg-white px-4 text-sm font-medium hover:bg-slate-50">
        Apply
      </button>
      {showClear ? (
        <Link href={basePath} className="inline-flex h-10 items-center text-sm font-medium text-brand-600 hover:underline">
          Clear filters
        </Link>
      ) : null}
      {total !== null ? (
        <p className="ml-auto flex h-10 items-center text-sm text-slate-500" data-testid="audit-log-count">
          {formatCount(total, "entry", "entries")}
        </p>
      ) : null}
    </form>
  );
}
