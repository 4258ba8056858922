import type { TokenListItem } from "@/lib/data/personal-access-tokens";
import { formatDate, formatRelative } from "@/lib/format";
import { SCOPE_LABELS } from "@/lib/validations/personal-access-token";
import { TokenActions } from "./token-actions";
import { Table } from "@/components/ui/table";

const STATUS = {
  active: "bg-emerald-50 text-emerald-700 ring-emerald-600/20",
  inactive: "bg-slate-100 text-slate-700 ring-slate-500/20",
  expired: "bg-amber-50 text-amber-800 ring-amber-600/20",
} as const;

export function TokenList({ tokens }: { tokens: TokenListItem[] }) {
  if (tokens.length === 0) {
    return (
      <div className="rounded-lg border border-dashed border-slate-300 bg-slate-50 px-6 py-8 text-center" data-testid="tokens-empty">
        <p className="font-medium">No personal access tokens yet</p>
        <p className="mt-1 text-sm text-slate-600">Use a token instead of your password for <code className="font-mono">docker login</code>, in CI pipelines and for the API. Each one can be limited and revoked on its own.</p>
      </div>
    );
  }
  return (
    <Table headers={["Description", "Scope", "Status", "Created", "Last used", "Expires", null]}>
      {tokens.map((t) => (
        <tr key={t.id} data-testid="token-row">
          <td className="px-3 py-3">
            <span className="block font-medium">{t.description}</span>
            <span className="block font-mono text-xs text-slate-500">{t.displayPrefix}…</span>
          </td>
          <td className="px-3 py-3 whitespace-nowrap">{SCOPE_LABELS[t.scope]}</td>
          <td className="px-3 py-3">
            <span className={`rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${STATUS[t.status]}`}>{t.status === "active" ? "Active" : t.status === "inactive" ? "Inactive" : "Expired"}</span>
          </td>
          <td className="px-3 py-3 whitespace-nowrap" title={t.createdAt.toISOString()}>
            {formatDate(t.createdAt)}
          </td>
          <td className="px-3 py-3 whitespace-nowrap" title={t.lastUsedAt?.toISOString()}>
            {t.lastUsedAt ? formatRelative(t.lastUsedAt) : "Never"}
          </td>
          <td className="px-3 py-3 whitespace-nowrap">{t.expiresAt ? formatDate(t.expiresAt) : "Never"}</td>
          <td className="px-3 py-3">
            <TokenActions tokenId={t.id} description={t.description} status={t.status} />
          </td>
        </tr>
      ))}
    </Table>
  );
}
