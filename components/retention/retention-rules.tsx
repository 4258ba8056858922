import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Table } from "@/components/ui/table";
import { deleteRetentionRuleAction } from "@/lib/actions/retention";
import { describeCriterion, MAX_RETENTION_RULES, type RetentionRule } from "@/lib/retention/rules";
import { Code } from "./code";
import { RuleForm } from "./rule-form";

/** The rules of a policy: numbered (run records cite the number), each editable and deletable, and the form to add one. */
export function RetentionRules({ namespace, rules }: { namespace: string; rules: RetentionRule[] }) {
  return (
    <div className="space-y-5" data-testid="retention-rules">
      {rules.length === 0 ? (
        <EmptyState title="No retention rules yet" testId="retention-rules-empty">
          A rule selects repositories and tags and says which of them to keep, for example repositories <Code>**</Code>,
          tags <Code>**</Code>, keep the 10 most recently pushed. In every repository a rule selects, the images no rule
          keeps are deleted; repositories no rule selects are left alone. Start with a dry run.
        </EmptyState>
      ) : (
        <Table headers={["#", "Repositories", "Tags", "Keeps", null]}>
          {rules.map((r, i) => (
            <tr key={r.id} data-testid="retention-rule" className="align-top">
              <td className="px-3 py-2 text-slate-500 tabular-nums">{i + 1}</td>
              <td className="px-3 py-2">
                {r.repositoryMode === "exclude" ? "excluding " : ""}
                <Code>{r.repositoryPattern}</Code>
              </td>
              <td className="px-3 py-2">
                {r.tagMode === "exclude" ? "excluding " : ""}
                <Code>{r.tagPattern}</Code>
                {r.includeUntagged ? <span className="block text-xs text-slate-500">and untagged</span> : null}
              </td>
              <td className="px-3 py-2 text-slate-700">{describeCriterion(r)}</td>
              <td className="space-y-2 px-3 py-2 text-right">
                <details className="text-left">
                  <summary className="cursor-pointer text-sm text-brand-700">Edit</summary>
                  <div className="mt-3 min-w-80">
                    <RuleForm namespace={namespace} rule={r} />
                  </div>
                </details>
                <ConfirmDialog
                  trigger="Delete"
                  triggerLabel={`Delete rule ${i + 1}`}
                  triggerSize="sm"
                  title={`Delete rule ${i + 1}?`}
                  description="Images only this rule keeps will be deleted by the next run (a dry run shows which)."
                  confirmLabel="Delete rule"
                  pendingText="Deleting…"
                  formAction={deleteRetentionRuleAction}
                  fields={
                    <>
                      <input type="hidden" name="namespace" value={namespace} />
                      <input type="hidden" name="ruleId" value={r.id} />
                    </>
                  }
                  testId="delete-retention-rule-dialog"
                />
              </td>
            </tr>
          ))}
        </Table>
      )}
      {rules.length < MAX_RETENTION_RULES ? (
        <div>
          <h3 className="mb-2 text-sm font-medium text-slate-800">Add a rule</h3>
          <RuleForm namespace={namespace} />
        </div>
      ) : (
        <p className="text-sm text-slate-600">
          A namespace can have at most {MAX_RETENTION_RULES} rules. Delete one to add another.
        </p>
      )}
    </div>
  );
}
