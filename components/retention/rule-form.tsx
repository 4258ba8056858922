"use client";

import { useActionState } from "react";
import { FormField } from "@/components/forms/form-field";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { CheckboxField, FieldError, Label, Select } from "@/components/ui/field";
import { initialFormState } from "@/lib/actions/form-state";
import { saveRetentionRuleAction } from "@/lib/actions/retention";
import type { RetentionRule } from "@/lib/retention/rules";

const CRITERIA: Record<RetentionRule["criterion"], string> = {
  latest_pushed: "Keep the most recently pushed N",
  latest_pulled: "Keep the most recently pulled N",
  pushed_within_days: "Keep those pushed within N days",
  pulled_within_days: "Keep those pulled within N days",
  always: "Always keep",
};

/**
 * Adds a rule, or edits one (`rule` given): which repositories and tags it selects (doublestar
 * globs, matching or excluding), whether untagged manifests are candidates, and what it keeps.
 * Field errors come from the action (a pattern that does not compile, N below 1, the 16th rule).
 */
export function RuleForm({ namespace, rule }: { namespace: string; rule?: RetentionRule }) {
  const [state, action] = useActionState(saveRetentionRuleAction, initialFormState);
  const errors = state.fieldErrors ?? {};
  const value = (name: string, fallback: string) => state.values?.[name] ?? fallback;
  const suffix = rule ? `-${rule.id}` : "-new";
  // Selects and checkboxes keep their first default when React resets the form after a refused
  // save: keyed by the value to show, they are remounted with it.
  const untagged = state.values ? state.values.includeUntagged === "on" : (rule?.includeUntagged ?? false);
  return (
    <form
      action={action}
      noValidate
      className="space-y-3"
      data-testid={rule ? "edit-retention-rule" : "add-retention-rule"}
    >
      <FormMessage state={state} />
      <input type="hidden" name="namespace" value={namespace} />
      {rule ? <input type="hidden" name="ruleId" value={rule.id} /> : null}
      <div className="grid gap-3 sm:grid-cols-[17rem_1fr]">
        <SelectorFields
          what="Repositories"
          mode="repositoryMode"
          pattern="repositoryPattern"
          id={`repository-pattern${suffix}`}
          hint="Name inside the namespace: **, app-*, team/**"
          modeValue={value("repositoryMode", rule?.repositoryMode ?? "match")}
          patternValue={value("repositoryPattern", rule?.repositoryPattern ?? "**")}
          errors={errors.repositoryPattern ?? errors.repositoryMode}
        />
        <SelectorFields
          what="Tags"
          mode="tagMode"
          pattern="tagPattern"
          id={`tag-pattern${suffix}`}
          hint="e.g. **, v*, release-{1,2}.*"
          modeValue={value("tagMode", rule?.tagMode ?? "match")}
          patternValue={value("tagPattern", rule?.tagPattern ?? "**")}
          errors={errors.tagPattern ?? errors.tagMode}
        />
        <Label text="Keep">
          <Select
            key={value("criterion", rule?.criterion ?? "latest_pushed")}
            name="criterion"
            defaultValue={value("criterion", rule?.criterion ?? "latest_pushed")}
          >
            {Object.entries(CRITERIA).map(([k, label]) => (
              <option key={k} value={k}>
                {label}
              </option>
            ))}
          </Select>
          {errors.criterion ? <FieldError>{errors.criterion[0]}</FieldError> : null}
        </Label>
        <FormField
          id={`n${suffix}`}
          label="N"
          name="n"
          type="number"
          hint="A count of artifacts, or of days; ignored by “Always keep”."
          defaultValue={value("n", String(rule?.n ?? 10))}
          errors={errors.n}
        />
      </div>
      <CheckboxField
        key={String(untagged)}
        name="includeUntagged"
        label="Include untagged manifests"
        defaultChecked={untagged}
      >
        Manifests no tag points at are candidates of this rule too (children of an index only go with it).
      </CheckboxField>
      {errors.includeUntagged ? <FieldError>{errors.includeUntagged[0]}</FieldError> : null}
      <SubmitButton variant="secondary" pendingText="Saving…">
        {rule ? "Save rule" : "Add rule"}
      </SubmitButton>
    </form>
  );
}

/** One selector of a rule: matching or excluding, and its doublestar pattern. */
function SelectorFields(p: {
  what: "Repositories" | "Tags";
  mode: string;
  pattern: string;
  id: string;
  hint: string;
  modeValue: string;
  patternValue: string;
  errors?: string[];
}) {
  return (
    <>
      <Label text={p.what}>
        {/* Keyed by the value to show: remounted with it after a refused save (see RuleForm). */}
        <Select key={p.modeValue} name={p.mode} defaultValue={p.modeValue}>
          <option value="match">matching</option>
          <option value="exclude">excluding</option>
        </Select>
      </Label>
      <FormField
        id={p.id}
        label={p.what === "Tags" ? "Tag pattern" : "Repository pattern"}
        name={p.pattern}
        placeholder="**"
        hint={p.hint}
        maxLength={128}
        defaultValue={p.patternValue}
        errors={p.errors}
      />
    </>
  );
}
