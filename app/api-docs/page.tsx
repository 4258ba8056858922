import { CopyField } from "@/components/ui/copy-field";
import { PageHeader } from "@/components/ui/page-header";
import { TextLink } from "@/components/ui/text-link";
import { OperationCard } from "@/components/api-docs/operation-card";
import { apiOperationsByTag } from "@/lib/api/operations";
import { getEnv } from "@/lib/env";

export const metadata = { title: "API" };

/** The JSON API's reference, rendered on the server from the same OpenAPI document clients download. */
export default function ApiDocsPage() {
  const base = new URL("/api/v1", getEnv().CONSOLE_URL).toString();
  const groups = apiOperationsByTag(base);
  return (
    <div className="space-y-8">
      <div className="space-y-3">
        <PageHeader title="API">
          <p className="mt-3 max-w-3xl text-slate-600">
            Everything the console does for repositories, tags, tokens, organizations, teams, webhooks and the audit
            log, over JSON at <code>{base}</code>. Authenticate with a{" "}
            <TextLink href="/settings/tokens">personal access token</TextLink>: Read-only tokens can only read, and
            deleting repositories or tags needs a Read, Write &amp; Delete token. Lists take <code>page</code> and{" "}
            <code>page_size</code> (at most 100) and answer <code>{"{count, next, previous, results}"}</code>; errors
            are <code>{"{error: {code, message, details}}"}</code>.
          </p>
        </PageHeader>
        <CopyField command value={`curl -H "Authorization: Bearer $TOKEN" ${base}/user`} />
        <p className="text-sm">
          {/* A plain <a>, not TextLink (a next/link): the document is a route handler, not a page to navigate to client-side. */}
          <a href="/api/v1/openapi.json" className="text-link underline" data-testid="openapi-link">
            OpenAPI 3.1 document (openapi.json)
          </a>{" "}
          <span className="text-slate-500">— for code generators and API clients.</span>
        </p>
      </div>
      {groups.map((g) => (
        <section key={g.tag} aria-labelledby={`tag-${g.tag}`} className="space-y-2">
          <h2 id={`tag-${g.tag}`} className="text-lg font-semibold">
            {g.tag}
          </h2>
          {g.operations.map((op) => (
            <OperationCard key={op.operationId} op={op} />
          ))}
        </section>
      ))}
    </div>
  );
}
