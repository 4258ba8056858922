import { SimpleForm } from "@/components/forms/simple-form";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Table } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { addImmutableTagRuleAction, deleteImmutableTagRuleAction } from "@/lib/actions/immutable-tag-rules";
import { MAX_IMMUTABLE_RULES } from "@/lib/authz/rules/immutable-tags";
import type { ImmutableTagRuleRow } from "@/lib/data/immutable-tag-rules";

/**
 * A namespace's immutable tag rules on its settings page: the list (or what a rule does, when
 * there is none), a delete per rule behind a ConfirmDialog, and the form to add one.
 */
export function ImmutableRules({
  namespace,
  rules,
  now,
}: {
  namespace: string;
  rules: ImmutableTagRuleRow[];
  now: Date;
}) {
  return (
    <div className="space-y-5" data-testid="immutable-rules">
      {rules.length === 0 ? (
        <EmptyState title="No immutable tags yet" testId="immutable-rules-empty">
          A rule freezes the tags it matches: once pushed, such a tag can neither be pushed again with another image nor
          deleted, by anyone. For example repositories <Code>**</Code> and tags <Code>v*</Code> keeps every release tag
          like <Code>v1.4.2</Code> pointing at the image first pushed to it, while <Code>latest</Code> keeps moving.
        </EmptyState>
      ) : (
        <Table headers={["Repositories", "Tags", "Added by", "Added", null]}>
          {rules.map((r) => (
            <tr key={r.id} data-testid="immutable-rule">
              <td className="px-3 py-2">
                <Code>{r.repositoryPattern}</Code>
              </td>
              <td className="px-3 py-2">
                <Code>{r.tagPattern}</Code>
              </td>
              <td className="px-3 py-2 text-slate-600">{r.createdBy ?? "a former member"}</td>
              <td className="px-3 py-2 whitespace-nowrap text-slate-600">
                <Time value={r.createdAt} now={now} />
              </td>
              <td className="px-3 py-2 text-right">
                <ConfirmDialog
                  trigger="Delete"
                  triggerLabel={`Delete the rule for repositories ${r.repositoryPattern}, tags ${r.tagPattern}`}
                  triggerSize="sm"
                  title="Delete this immutable tag rule?"
                  description={
                    <>
                      Tags matching <Code>{r.tagPattern}</Code> in repositories matching{" "}
                      <Code>{r.repositoryPattern}</Code> can then be pushed over and deleted again, unless another rule
                      still matches them.
                    </>
                  }
                  confirmLabel="Delete rule"
                  pendingText="Deleting…"
                  formAction={deleteImmutableTagRuleAction}
                  fields={
                    <>
                      <input type="hidden" name="namespace" value={namespace} />
                      <input type="hidden" name="ruleId" value={r.id} />
                    </>
                  }
                  testId="delete-immutable-rule-dialog"
                />
              </td>
            </tr>
          ))}
        </Table>
      )}
      {rules.length < MAX_IMMUTABLE_RULES ? (
        <div>
          <h3 className="text-sm font-medium text-slate-800">Add a rule</h3>
          <p className="mb-2 text-xs text-slate-600">
            Repositories are matched by their name inside {namespace}/ (<Code>app</Code>, <Code>team/app</Code>):{" "}
            <Code>*</Code> within a name part, <Code>**</Code> across parts, <Code>{"{a,b}"}</Code> either,{" "}
            <Code>[0-9]</Code> one of.
          </p>
          <SimpleForm
            action={addImmutableTagRuleAction}
            hidden={{ namespace }}
            inline
            submit="Add rule"
            pending="Adding…"
            variant="secondary"
            fields={[
              {
                name: "repositoryPattern",
                label: "Repositories",
                placeholder: "**",
                // One line each, so the two inputs line up beside each other.
                hint: "e.g. **, app-*, team/**",
                maxLength: 128,
              },
              {
                name: "tagPattern",
                label: "Tags",
                placeholder: "v*",
                hint: "e.g. v*, release-{1,2}.*",
                maxLength: 128,
              },
            ]}
          />
        </div>
      ) : (
        <p className="text-sm text-slate-600">
          A namespace can have at most {MAX_IMMUTABLE_RULES} rules. Delete one to add another.
        </p>
      )}
    </div>
  );
}

function Code({ children }: { children: string }) {
  return <code className="rounded bg-slate-100 px-1 py-0.5 font-mono text-xs text-slate-800">{children}</code>;
}
