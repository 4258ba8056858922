import { Code } from "@/components/retention/code";
import { Badge } from "@/components/ui/badge";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Table } from "@/components/ui/table";
import { TextLink } from "@/components/ui/text-link";
import { deleteBuildRuleAction } from "@/lib/actions/build-settings";
import type { BuildRuleRow } from "@/lib/data/build-settings";

/** A repository's build rules: source → tag template, Dockerfile and context, edit and a confirmed delete. */
export function BuildRuleTable({
  namespace,
  name,
  rules,
  base,
}: {
  namespace: string;
  name: string;
  rules: BuildRuleRow[];
  base: string;
}) {
  if (rules.length === 0)
    return (
      <EmptyState title="No build rules yet" testId="build-rules-empty">
        A rule says which pushes build an image and how it is tagged: for example branch <Code>main</Code> →{" "}
        <Code>latest</Code>, or tags matching <Code>{"^v([0-9.]+)$"}</Code> → <Code>{"{1}"}</Code>. Add one below.
      </EmptyState>
    );
  return (
    <Table headers={["Source", "Tag", "Dockerfile", "Context", "Build args", null]}>
      {rules.map((r) => (
        <tr key={r.id} data-testid="build-rule">
          <td className="px-3 py-2">
            <span className="text-slate-600">{r.sourceType === "branch" ? "Branch" : "Tag"}</span>{" "}
            <Code>{r.sourceRegex ? `/${r.sourceName}/` : r.sourceName}</Code>
            {r.enabled ? null : <Badge className="ml-2">Off</Badge>}
          </td>
          <td className="px-3 py-2">
            <Code>{r.tagTemplate}</Code>
          </td>
          <td className="px-3 py-2">
            <Code>{r.dockerfilePath}</Code>
          </td>
          <td className="px-3 py-2">
            <Code>{r.contextDir}</Code>
          </td>
          <td className="px-3 py-2 text-slate-600">{r.buildArgs.map((a) => a.key).join(", ") || "—"}</td>
          <td className="px-3 py-2 text-right whitespace-nowrap">
            <span className="mr-2">
              <TextLink href={`${base}/rules/${r.id}`}>Edit</TextLink>
            </span>
            <ConfirmDialog
              trigger="Delete"
              triggerLabel={`Delete the build rule for ${r.sourceType} ${r.sourceName}`}
              triggerSize="sm"
              title="Delete this build rule?"
              description={
                <>
                  Pushes to {r.sourceType === "branch" ? "branch" : "tag"} <Code>{r.sourceName}</Code> no longer build{" "}
                  <Code>{r.tagTemplate}</Code>. Images already built stay.
                </>
              }
              confirmLabel="Delete rule"
              pendingText="Deleting…"
              formAction={deleteBuildRuleAction}
              fields={
                <>
                  <input type="hidden" name="namespace" value={namespace} />
                  <input type="hidden" name="name" value={name} />
                  <input type="hidden" name="ruleId" value={r.id} />
                  <input type="hidden" name="confirm" value="on" />
                </>
              }
              testId="delete-build-rule-dialog"
            />
          </td>
        </tr>
      ))}
    </Table>
  );
}
