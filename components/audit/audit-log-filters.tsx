import { LiveSearchForm } from "@/components/live-search-form";
import { Button } from "@/components/ui/button";
import { Input, Label, Select } from "@/components/ui/field";
import { TextLink } from "@/components/ui/text-link";
import type { AuditActionGroup } from "@/lib/validations/audit-actions";
import { formatCount } from "@/lib/format";
import { DEFAULT_PAGE_SIZE } from "@/lib/validations/pagination";

export type AuditLogFilterValues = { action?: string; actor?: string; q?: string };

/**
 * Filters of the audit log. They live in the URL (shareable, back button): the log follows as you
 * type or pick, and without JS this is a plain GET form with its Apply button. A new filter drops
 * `page`, so it starts on its first page; the page size stays.
 */
export function AuditLogFilters({
  basePath,
  groups,
  values,
  pageSize,
  total,
}: {
  basePath: string;
  groups: AuditActionGroup[];
  values: AuditLogFilterValues;
  pageSize: number;
  total: number | null;
}) {
  // With no match the empty state below offers the same link; one is enough.
  const showClear = Boolean(values.action || values.actor || values.q) && total !== 0;
  return (
    <LiveSearchForm
      action={basePath}
      className="flex flex-wrap items-end gap-3"
      role="search"
      data-testid="audit-log-filters"
    >
      <Label text="Action">
        <Select name="action" defaultValue={values.action ?? ""} className="h-10 w-72">
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
        </Select>
      </Label>
      <Label text="Actor">
        <Input
          name="actor"
          defaultValue={values.actor ?? ""}
          maxLength={64}
          placeholder="username"
          autoComplete="off"
          spellCheck={false}
          className="h-10 w-40"
        />
      </Label>
      <Label text="Target contains">
        <Input
          type="search"
          name="q"
          defaultValue={values.q ?? ""}
          maxLength={200}
          placeholder="e.g. web or 1.0"
          autoComplete="off"
          className="h-10 w-48"
        />
      </Label>
      {pageSize !== DEFAULT_PAGE_SIZE ? <input type="hidden" name="page_size" value={pageSize} /> : null}
      <Button type="submit" variant="secondary" className="h-10">
        Apply
      </Button>
      {showClear ? (
        <TextLink href={basePath} className="inline-flex h-10 items-center text-sm">
          Clear filters
        </TextLink>
      ) : null}
      {total !== null ? (
        <p
          className="ml-auto flex h-10 items-center text-sm text-slate-500"
          data-testid="audit-log-count"
          aria-live="polite"
        >
          {formatCount(total, "entry", "entries")}
        </p>
      ) : null}
    </LiveSearchForm>
  );
}
