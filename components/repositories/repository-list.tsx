import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import type { RepositoryListItem } from "@/lib/data/repositories";
import { Time } from "@/components/ui/time";
import { formatCount } from "@/lib/format";

/**
 * Repositories of one namespace as cards. `namespace` names every item's namespace, unless items
 * carry their own (explore, starred). When there are none, `emptyTitle` says so and `empty` adds
 * the next step (a push command, a link); a plain sentence may come alone as `empty`.
 */
export function RepositoryList({
  namespace,
  repositories,
  empty,
  emptyTitle,
}: {
  namespace?: string;
  repositories: Array<RepositoryListItem & { namespace?: string }>;
  empty?: React.ReactNode;
  emptyTitle?: string;
}) {
  if (repositories.length === 0) {
    if (emptyTitle === undefined && typeof empty === "string")
      return <EmptyState title={empty} testId="repositories-empty" />;
    return (
      <EmptyState title={emptyTitle ?? ""} testId="repositories-empty">
        {empty}
      </EmptyState>
    );
  }
  const now = new Date();
  return (
    <Card padded={false}>
      <ul className="divide-y divide-slate-200" data-testid="repository-list">
        {repositories.map((r) => (
          <li key={r.id} className="flex items-center justify-between gap-4 px-5 py-4" data-testid="repository-item">
            <div className="min-w-0">
              <p className="font-medium wrap-anywhere">
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
                <Badge tone={r.visibility === "public" ? "neutral" : "warning"} className="ml-2">
                  {r.visibility === "public" ? "Public" : "Private"}
                </Badge>
                {r.status === "deleting" ? (
                  <Badge
                    tone="danger"
                    className="ml-2"
                    title="Its images are being removed from the registry; this finishes on its own once the registry answers."
                  >
                    Deleting…
                  </Badge>
                ) : null}
              </p>
              {r.description ? <p className="mt-1 truncate text-sm text-slate-600">{r.description}</p> : null}
            </div>
            <div className="shrink-0 text-right text-xs text-slate-500">
              <p>
                {formatCount(r.pullCount, "pull")} · {formatCount(r.starCount, "star")}
              </p>
              <p>
                {r.lastPushedAt ? (
                  <>
                    Pushed <Time value={r.lastPushedAt} now={now} />
                  </>
                ) : (
                  "Never pushed"
                )}
              </p>
            </div>
          </li>
        ))}
      </ul>
    </Card>
  );
}
