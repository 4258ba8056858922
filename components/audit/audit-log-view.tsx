import type { ReactNode } from "react";
import { listUrl, Pagination } from "@/components/pagination";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { TextLink } from "@/components/ui/text-link";
import { Time } from "@/components/ui/time";
import { auditActionGroups, describeAuditEvent } from "@/lib/validations/audit-actions";
import type { AuditLogItem } from "@/lib/data/audit-log";
import { formatCount } from "@/lib/format";
import { UNKNOWN_IP } from "@/lib/http/client-ip";
import type { AuditLogQuery } from "@/lib/validations/audit-log";
import { pageCount } from "@/lib/validations/pagination";
import { AuditLogFilters } from "./audit-log-filters";

type Props = {
  // Where the log lives: the filter form and page links point here.
  basePath: string;
  namespace: { name: string; kind: "user" | "org" };
  description: ReactNode;
  // Null when the URL's filters did not validate: the form starts blank and `invalid` says why.
  query: AuditLogQuery | null;
  invalid?: string[];
  log: { items: AuditLogItem[]; total: number } | null;
  pageSize: number;
};

/**
 * A namespace's audit log (an organization's or your own): filters, entries as sentences, pages.
 * Rendered on the server only, so relative times need no hydration agreement.
 */
export function AuditLogView({ basePath, namespace, description, query, invalid, log, pageSize }: Props) {
  const filters = { action: query?.action, actor: query?.actor, q: query?.q };
  const href = (page: number, size = pageSize) => listUrl(basePath, { ...filters, page, page_size: size });
  const page = query?.page ?? 1;
  const total = log?.total ?? 0;
  const pages = pageCount(total, pageSize);
  const clear = <TextLink href={basePath}>Clear filters</TextLink>;
  const now = new Date();

  let body: ReactNode;
  if (!log) {
    body = (
      <EmptyState title="These filters are not valid" testId="audit-log-invalid">
        <p>
          {(invalid ?? []).join(" ")} {clear}
        </p>
      </EmptyState>
    );
  } else if (total === 0) {
    body =
      filters.action || filters.actor || filters.q ? (
        <EmptyState title="No entries match these filters" testId="audit-log-no-match">
          <p>Try another action, actor or target. {clear}</p>
        </EmptyState>
      ) : (
        <EmptyState title="No activity yet" testId="audit-log-empty">
          <p>Changes and security events in {namespace.name} will be listed here as they happen.</p>
        </EmptyState>
      );
  } else if (log.items.length === 0) {
    body = (
      <EmptyState title={`There is no page ${page}`} testId="audit-log-past-end">
        <p>
          The log has {formatCount(pages, "page")} with these filters.{" "}
          <TextLink href={href(1)}>Go to the first page</TextLink>
        </p>
      </EmptyState>
    );
  } else {
    body = (
      <Card padded={false} className="relative overflow-x-auto">
        <table className="w-full text-left text-sm" data-testid="audit-log">
          <thead className="border-b border-slate-200 bg-slate-50 text-xs tracking-wide whitespace-nowrap text-slate-500 uppercase">
            <tr>
              <th className="px-4 py-2 font-medium">Time</th>
              <th className="px-4 py-2 font-medium">Actor</th>
              <th className="px-4 py-2 font-medium">Event</th>
              <th className="px-4 py-2 font-medium">IP address</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {log.items.map((e) => (
              <tr key={e.id} className="align-baseline" data-testid="audit-entry" data-action={e.action}>
                <td className="px-4 py-3 whitespace-nowrap text-slate-600">
                  <Time value={e.createdAt} now={now} />
                </td>
                <td className="px-4 py-3 font-medium whitespace-nowrap text-slate-800">
                  {e.actorName ?? <span className="font-normal text-slate-500">—</span>}
                </td>
                <td className="min-w-64 px-4 py-3 break-words text-slate-800" data-testid="audit-sentence">
                  {describeAuditEvent(e, { namespace: namespace.name })}
                </td>
                <td className="px-4 py-3 font-mono text-xs whitespace-nowrap text-slate-600" data-testid="audit-ip">
                  {/* Without a trusted proxy the address is recorded as unknown: the same dash as a missing one. */}
                  {e.ipAddress && e.ipAddress !== UNKNOWN_IP ? (
                    e.ipAddress
                  ) : (
                    <span className="font-sans text-slate-500">—</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    );
  }

  return (
    <div className="space-y-4">
      <div>
        <h2 className="text-lg font-semibold">Audit log</h2>
        <p className="mt-1 text-sm text-slate-600">{description}</p>
      </div>
      <AuditLogFilters
        basePath={basePath}
        groups={auditActionGroups(namespace.kind)}
        values={filters}
        pageSize={pageSize}
        total={log ? total : null}
      />
      {body}
      <Pagination page={Math.min(page, pages)} pages={pages} href={href} pageSize={pageSize} />
    </div>
  );
}
