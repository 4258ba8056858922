/** Filter and sort for the tag list: a plain GET form, so the state lives in the URL and works without JS. */
import { formatCount } from "@/lib/format";
export function TagFilters({ q, sort, total }: { q: string; sort: "pushed" | "name"; total: number }) {
  return (
    <form className="flex flex-wrap items-end gap-3" role="search" data-testid="tag-filters">
      <label className="text-sm">
        <span className="block font-medium text-slate-800">Filter tags</span>
        <input name="q" defaultValue={q} maxLength={128} placeholder="e.g. 1.2 or alpine" className="mt-1 w-56 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm" />
      </label>
      <label className="text-sm">
        <span className="block font-medium text-slate-800">Sort by</span>
        <select name="sort" defaultValue={sort} className="mt-1 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm">
          <option value="pushed">Last pushed</option>
          <option value="name">Name</option>
        </select>
      </label>
      <button type="submit" className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-50">
        Apply
      </button>
      <p className="ml-auto text-sm text-slate-500" data-testid="tag-count">
        {formatCount(total, "tag")}
      </p>
    </form>
  );
}
