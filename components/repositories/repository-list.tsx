import Link from "next/link";
import type { RepositoryListItem } from "@/lib/data/repositories";
import { formatRelative, formatCount } from "@/lib/format";

/** Repositories of one namespace as cards; `empty` is what to say when there are none. */
/** `namespace` names every item's namespace, unless items carry their own (explore, starred). */
export function RepositoryList({ namespace, repositories, empty }: { namespace?: string; repositories: Array<RepositoryListItem & { namespace?: string }>; empty: React.ReactNode }) {
  if (repositories.length === 0) {
    return (
      <div className="rounded-lg border border-dashed border-slate-300 bg-slate-50 px-6 py-8 text-center text-sm text-slate-600" data-testid="repositories-empty">
        {empty}
      </div>
    );
  }
  return (
    <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" data-testid="repository-list">
      {repositories.map((r) => (
        <li key={r.id} className="flex items-center justify-between gap-4 px-5 py-4" data-testid="repository-item">
          <div className="min-w-0">
            <p className="font-medium">
              {r.status === "deleting" ? (
                <span>
                  <span className="text-slate-500">{r.namespace ?? namespace}/</span>
                  {r.name}
                </span>
              ) : (
                <Link href={`/r/${r.namespace ?? namespace}/${r.name}`} className="hover:underline">
                  <span className="text-slate-500">{r.namespace ?? namespace}/</span>
                  {r.name}
                </Link>
              )}
              <span className={`ml-2 rounded-full px-2 py-0.5 text-xs ring-1 ring-inset ${r.visibility === "public" ? "bg-slate-50 text-slate-700 ring-slate-500/20" : "bg-amber-50 text-amber-800 ring-amber-600/20"}`}>
                {r.visibility === "public" ? "Public" : "Private"}
              </span>
              {r.status === "deleting" ? (
                <span className="ml-2 rounded-full bg-red-50 px-2 py-0.5 text-xs text-red-700 ring-1 ring-inset ring-red-600/20" title="Its images are being removed from the registry; this finishes on its own once the registry answers.">
                  Deleting…
                </span>
              ) : null}
            </p>
            {r.description ? <p className="mt-1 truncate text-sm text-slate-600">{r.description}</p> : null}
          </div>
          <div className="shrink-0 text-right text-xs text-slate-500">
            <p>
              {formatCount(r.pullCount, "pull")} · {formatCount(r.starCount, "star")}
            </p>
            <p>{r.lastPushedAt ? `Pushed ${formatRelative(r.lastPushedAt)}` : "Never pushed"}</p>
          </div>
        </li>
      ))}
    </ul>
  );
}
