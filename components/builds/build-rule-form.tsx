"use client";

import { useActionState, useState } from "react";
import { FormField } from "@/components/forms/form-field";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { CheckboxField, FieldError, FieldHint, Textarea } from "@/components/ui/field";
import { createBuildRuleAction, updateBuildRuleAction } from "@/lib/actions/build-settings";
import { initialFormState } from "@/lib/actions/form-state";

export type BuildRuleFormValues = {
  sourceType: "branch" | "tag";
  sourceName: string;
  sourceRegex: boolean;
  tagTemplate: string;
  dockerfilePath: string;
  contextDir: string;
  buildArgs: string;
  enabled: boolean;
};

/** Add or edit a build rule; every field's error is shown under it, and values survive a failed submit. */
export function BuildRuleForm({
  namespace,
  name,
  ruleId,
  initial,
}: {
  namespace: string;
  name: string;
  ruleId?: string;
  initial?: BuildRuleFormValues;
}) {
  const [state, action] = useActionState(ruleId ? updateBuildRuleAction : createBuildRuleAction, initialFormState);
  const v = state.values;
  const errors = state.fieldErrors ?? {};
  // React resets a form after its action runs, back to the inputs' *default* state: keeping the
  // choice in state and rendering it as the radios' default makes it survive a failed submit (a
  // select's default option is not updated that way, and fell back to Branch).
  const [sourceType, setSourceType] = useState<string>(v?.sourceType ?? initial?.sourceType ?? "branch");
  // After a failed submit the checkboxes come back as typed (absent from the echo means unticked).
  const checked = (field: "sourceRegex" | "enabled", fallback: boolean) => (v ? v[field] === "on" : fallback);
  return (
    <form action={action} noValidate className="space-y-4" data-testid="build-rule-form">
      <FormMessage state={state} />
      <input type="hidden" name="namespace" value={namespace} />
      <input type="hidden" name="name" value={name} />
      {ruleId ? <input type="hidden" name="ruleId" value={ruleId} /> : null}
      <div className="grid gap-4 sm:grid-cols-[10rem_1fr]">
        <fieldset>
          <legend className="text-sm font-medium text-slate-800">Source type</legend>
          <div className="mt-2 flex gap-4">
            {(["branch", "tag"] as const).map((t) => (
              <label key={t} className="flex items-center gap-2 text-sm">
                <input
                  type="radio"
                  name="sourceType"
                  value={t}
                  defaultChecked={sourceType === t}
                  onChange={() => setSourceType(t)}
                />
                {t === "branch" ? "Branch" : "Tag"}
              </label>
            ))}
          </div>
          {errors.sourceType ? <FieldError>{errors.sourceType[0]}</FieldError> : null}
        </fieldset>
        <FormField
          label="Source"
          name="sourceName"
          maxLength={1000}
          spellCheck={false}
          placeholder="main, or ^v([0-9]+)\.([0-9]+)$"
          defaultValue={v?.sourceName ?? initial?.sourceName}
          errors={errors.sourceName}
          hint="A branch or tag name, or an RE2 regular expression when ticked below."
        />
      </div>
      <CheckboxField
        name="sourceRegex"
        label="The source is a regular expression"
        defaultChecked={checked("sourceRegex", initial?.sourceRegex ?? false)}
      >
        RE2 syntax, found anywhere in the name unless anchored with ^ and $. Its capture groups are {"{1}"}, {"{2}"}… in
        the tag template.
      </CheckboxField>
      <FormField
        label="Image tag template"
        name="tagTemplate"
        maxLength={1000}
        spellCheck={false}
        placeholder="{branch}-{sha7}"
        defaultValue={v?.tagTemplate ?? initial?.tagTemplate}
        errors={errors.tagTemplate}
        hint="Placeholders: {branch}, {tag}, {sha}, {sha7}, {date} (YYYYMMDD) and capture groups {1}…{9}. Characters a tag cannot hold (like /) become -."
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField
          label="Dockerfile path"
          name="dockerfilePath"
          maxLength={1000}
          spellCheck={false}
          defaultValue={v?.dockerfilePath ?? initial?.dockerfilePath ?? "Dockerfile"}
          errors={errors.dockerfilePath}
          hint="Relative to the repository's root."
        />
        <FormField
          label="Build context"
          name="contextDir"
          maxLength={1000}
          spellCheck={false}
          defaultValue={v?.contextDir ?? initial?.contextDir ?? "."}
          errors={errors.contextDir}
          hint="A folder of the repository; . is its root."
        />
      </div>
      <div>
        <label htmlFor="field-buildArgs" className="block text-sm font-medium text-slate-800">
          Build arguments
        </label>
        <Textarea
          id="field-buildArgs"
          name="buildArgs"
          rows={3}
          spellCheck={false}
          placeholder={"NODE_ENV=production\nVERSION=1"}
          defaultValue={v?.buildArgs ?? initial?.buildArgs}
          invalid={Boolean(errors.buildArgs?.length)}
          aria-describedby="field-buildArgs-hint"
          className="mt-1 block w-full font-mono"
        />
        <FieldHint id="field-buildArgs-hint">One KEY=value per line, passed as --build-arg.</FieldHint>
        {errors.buildArgs ? <FieldError>{errors.buildArgs[0]}</FieldError> : null}
      </div>
      <CheckboxField name="enabled" label="Enabled" defaultChecked={checked("enabled", initial?.enabled ?? true)}>
        A disabled rule builds nothing until turned on again.
      </CheckboxField>
      <SubmitButton pendingText="Saving…">{ruleId ? "Save rule" : "Add rule"}</SubmitButton>
    </form>
  );
}
