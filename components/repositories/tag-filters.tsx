import { Button } from "@/components/ui/button";
import { Input, Label, Select } from "@/components/ui/field";
import { formatCount } from "@/lib/format";

/** Filter and sort for the tag list: a plain GET form, so the state lives in the URL and works without JS. */
export function TagFilters({ q, sort, total }: { q: string; sort: "pushed" | "name"; total: number }) {
  return (
    <form className="flex flex-wrap items-end gap-3" role="search" data-testid="tag-filters">
      <Label text="Filter tags">
        <Input name="q" defaultValue={q} maxLength={128} placeholder="e.g. 1.2 or alpine" className="w-56" />
      </Label>
      <Label text="Sort by">
        <Select name="sort" defaultValue={sort}>
          <option value="pushed">Last pushed</option>
          <option value="name">Name</option>
        </Select>
      </Label>
      <Button type="submit" variant="secondary">
        Apply
      </Button>
      <p className="ml-auto text-sm text-slate-500" data-testid="tag-count">
        {formatCount(total, "tag")}
      </p>
    </form>
  );
}
