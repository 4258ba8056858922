import { Button } from "@/components/ui/button";
import { Input, Label, Select } from "@/components/ui/field";
import { TextLink } from "@/components/ui/text-link";
import type { AuditActionGroup } from "@/lib/validations/audit-actions";
import { formatCount } from "@/lib/format";

export type AuditLogFilterValues = { action?: string; actor?: string; q?: string };

/**
 * Filters of the audit log: a plain GET form, so filters live in the URL (shareable, back button,
 * no JS). Submitting drops `page`, so a new filter starts on its first page.
 */
export function AuditLogFilters({
  basePath,
  groups,
  values,
  total,
}: {
  basePath: string;
  groups: AuditActionGroup[];
  values: AuditLogFilterValues;
  total: number | null;
}) {
  // With no match the empty state below offers the same link; one is enough.
  const showClear = Boolean(values.action || values.actor || values.q) && total !== 0;
  return (
    <form action={basePath} className="flex flex-wrap items-end gap-3" role="search" data-testid="audit-log-filters">
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
          name="q"
          defaultValue={values.q ?? ""}
          maxLength={200}
          placeholder="e.g. web or 1.0"
          className="h-10 w-48"
        />
      </Label>
      <Button type="submit" variant="secondary" className="h-10">
        Apply
      </Button>
      {showClear ? (
        <TextLink href={basePath} className="inline-flex h-10 items-center text-sm">
          Clear filters
        </TextLink>
      ) : null}
      {total !== null ? (
        <p className="ml-auto flex h-10 items-center text-sm text-slate-500" data-testid="audit-log-count">
          {formatCount(total, "entry", "entries")}
        </p>
      ) : null}
    </form>
  );
}
