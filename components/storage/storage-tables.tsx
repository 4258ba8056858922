import { Pagination } from "@/components/pagination";
import { Badge } from "@/components/ui/badge";
import { Table } from "@/components/ui/table";
import { TextLink } from "@/components/ui/text-link";
import type { NamespaceStorageRow, RepositoryStorageRow } from "@/lib/data/storage-admin";
import { formatBytes } from "@/lib/format";

const cell = "px-3 py-2";
const num = `${cell} tabular-nums whitespace-nowrap`;

/** A namespace's own page: the profile of a user, or the organization's. */
function namespaceHref(n: { name: string; kind: "user" | "org" }): string {
  return n.kind === "org" ? `/orgs/${n.name}` : `/u/${n.name}`;
}

/** The namespaces storing the most, with their quota and a link to set it. */
export function NamespaceStorageTable({
  rows,
  page,
  pages,
  href,
}: {
  rows: NamespaceStorageRow[];
  page: number;
  pages: number;
  href: (page: number) => string;
}) {
  return (
    <div className="space-y-3" data-testid="namespace-storage-table">
      <Table headers={["Namespace", "Stored", "Across tags", "Quota", null]}>
        {rows.map((r) => {
          const share = r.quotaBytes === null ? null : r.uniqueBytes / r.quotaBytes;
          return (
            <tr key={r.id} data-testid="namespace-storage-row" data-namespace={r.name} data-bytes={r.uniqueBytes}>
              <td className={cell}>
                <TextLink href={namespaceHref(r)}>{r.name}</TextLink>{" "}
                <span className="text-xs text-slate-500">{r.kind === "org" ? "organization" : "user"}</span>
              </td>
              <td className={num} data-testid="namespace-unique">
                {formatBytes(r.uniqueBytes)}
              </td>
              <td className={`${num} text-slate-600`}>{formatBytes(r.taggedBytes)}</td>
              <td className={`${cell} whitespace-nowrap`}>
                {r.quotaBytes === null ? (
                  <span className="text-slate-600">No limit</span>
                ) : (
                  <span className="tabular-nums">
                    {formatBytes(r.quotaBytes)} ({Math.floor((share ?? 0) * 100)} %)
                  </span>
                )}{" "}
                {r.ownQuota ? <Badge tone="brand">own</Badge> : null}{" "}
                {share !== null && share >= 1 ? <Badge tone="danger">full</Badge> : null}
              </td>
              <td className={`${cell} text-right`}>
                <TextLink href={`/admin/storage/namespaces/${r.name}`} aria-label={`Set the quota of ${r.name}`}>
                  Quota
                </TextLink>
              </td>
            </tr>
          );
        })}
      </Table>
      <Pagination page={page} pages={pages} href={href} />
    </div>
  );
}

/** The repositories storing the most. */
export function RepositoryStorageTable({
  rows,
  page,
  pages,
  href,
}: {
  rows: RepositoryStorageRow[];
  page: number;
  pages: number;
  href: (page: number) => string;
}) {
  return (
    <div className="space-y-3" data-testid="repository-storage-table">
      <Table headers={["Repository", "Stored", "Across tags"]}>
        {rows.map((r) => (
          <tr
            key={`${r.namespace}/${r.name}`}
            data-testid="repository-storage-row"
            data-repository={`${r.namespace}/${r.name}`}
            data-bytes={r.uniqueBytes}
          >
            <td className={cell}>
              <TextLink href={`/r/${r.namespace}/${r.name}`}>
                {r.namespace}/{r.name}
              </TextLink>
            </td>
            <td className={num}>{formatBytes(r.uniqueBytes)}</td>
            <td className={`${num} text-slate-600`}>{formatBytes(r.taggedBytes)}</td>
          </tr>
        ))}
      </Table>
      <Pagination page={page} pages={pages} href={href} />
    </div>
  );
}
