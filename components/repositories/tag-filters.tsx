import { LiveSearchForm } from "@/components/live-search-form";
import { Button } from "@/components/ui/button";
import { Input, Label, Select } from "@/components/ui/field";
import { formatCount } from "@/lib/format";
import { DEFAULT_PAGE_SIZE } from "@/lib/validations/pagination";

/**
 * Filter and sort for the tag list. The state lives in the URL: the list follows as you type, and
 * without JS the form is a plain GET form with its Apply button.
 */
export function TagFilters({
  action,
  q,
  sort,
  pageSize,
  total,
}: {
  action: string;
  q: string;
  sort: "pushed" | "name";
  pageSize: number;
  total: number;
}) {
  return (
    <LiveSearchForm action={action} className="flex flex-wrap items-end gap-3" role="search" data-testid="tag-filters">
      <Label text="Filter tags">
        <Input
          type="search"
          name="q"
          defaultValue={q}
          maxLength={128}
          placeholder="e.g. 1.2 or alpine"
          autoComplete="off"
          className="w-56"
        />
      </Label>
      <Label text="Sort by">
        <Select name="sort" defaultValue={sort}>
          <option value="pushed">Last pushed</option>
          <option value="name">Name</option>
        </Select>
      </Label>
      {pageSize !== DEFAULT_PAGE_SIZE ? <input type="hidden" name="page_size" value={pageSize} /> : null}
      <Button type="submit" variant="secondary">
        Apply
      </Button>
      <p className="ml-auto text-sm text-slate-500" data-testid="tag-count" aria-live="polite">
        {formatCount(total, "tag")}
      </p>
    </LiveSearchForm>
  );
}
