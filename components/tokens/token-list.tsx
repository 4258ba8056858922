import type { TokenListItem } from "@/lib/data/personal-access-tokens";
import { SCOPE_LABELS } from "@/lib/validations/personal-access-token";
import { TokenActions } from "./token-actions";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { Table } from "@/components/ui/table";
import { Time } from "@/components/ui/time";

const STATUS: Record<TokenListItem["status"], { tone: BadgeTone; label: string }> = {
  active: { tone: "success", label: "Active" },
  inactive: { tone: "neutral", label: "Inactive" },
  expired: { tone: "warning", label: "Expired" },
};

export function TokenList({ tokens }: { tokens: TokenListItem[] }) {
  if (tokens.length === 0) {
    return (
      <EmptyState title="No personal access tokens yet" testId="tokens-empty">
        Use a token instead of your password for <code className="font-mono">docker login</code>, in CI pipelines and
        for the API. Each one can be limited and revoked on its own.
      </EmptyState>
    );
  }
  const now = new Date();
  return (
    <Table headers={["Description", "Scope", "Status", "Created", "Last used", "Expires", null]}>
      {tokens.map((t) => (
        <tr key={t.id} data-testid="token-row">
          <td className="min-w-32 px-3 py-3">
            <span className="block font-medium break-words">{t.description}</span>
            <span className="block font-mono text-xs text-slate-500">{t.displayPrefix}…</span>
          </td>
          <td className="px-3 py-3 whitespace-nowrap">{SCOPE_LABELS[t.scope]}</td>
          <td className="px-3 py-3">
            <Badge tone={STATUS[t.status].tone}>{STATUS[t.status].label}</Badge>
          </td>
          <td className="px-3 py-3 whitespace-nowrap">
            <Time value={t.createdAt} now={now} />
          </td>
          <td className="px-3 py-3 whitespace-nowrap">
            {t.lastUsedAt ? <Time value={t.lastUsedAt} now={now} /> : "Never"}
          </td>
          <td className="px-3 py-3 whitespace-nowrap">
            {t.expiresAt ? <Time value={t.expiresAt} now={now} /> : "Never"}
          </td>
          {/* The actions wrap under each other before the row outgrows the frame (no clipped buttons). */}
          <td className="px-3 py-3">
            <TokenActions tokenId={t.id} description={t.description} status={t.status} />
          </td>
        </tr>
      ))}
    </Table>
  );
}
