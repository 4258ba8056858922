"use client";

import { useActionState, useEffect, useState } from "react";
import { checkRepositoryNameAction, createRepositoryAction } from "@/lib/actions/repository-creation";
import { FormField } from "@/components/forms/form-field";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { Select } from "@/components/ui/field";
import { initialFormState } from "@/lib/actions/form-state";

type Choice = { name: string; defaultVisibility: "public" | "private" };

export function CreateRepositoryForm({ namespaces, selected }: { namespaces: Choice[]; selected: string }) {
  const [state, action] = useActionState(createRepositoryAction, initialFormState);
  const v = state.values ?? {};
  const [namespace, setNamespace] = useState(v.namespace ?? selected);
  const [name, setName] = useState(v.name ?? "");
  const [check, setCheck] = useState<{ ok: boolean; message: string } | null>(null);
  const defaultVisibility = namespaces.find((n) => n.name === namespace)?.defaultVisibility ?? "public";
  const [visibility, setVisibility] = useState<"public" | "private">(
    (v.visibility as "public" | "private" | undefined) ?? defaultVisibility,
  );

  // Debounced availability check: a request per pause in typing, not per keystroke.
  useEffect(() => {
    if (!name) return;
    const t = setTimeout(() => void checkRepositoryNameAction(namespace, name).then(setCheck), 300);
    return () => clearTimeout(t);
  }, [namespace, name]);

  // The server's verdict holds for the name it judged; once the name is edited, the live check speaks.
  const live = check && !check.ok && check.message && name ? [check.message] : undefined;
  const nameErrors = name === (state.values?.name ?? "") ? (state.fieldErrors?.name ?? live) : live;
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <div className="grid gap-4 sm:grid-cols-[200px_1fr]">
        <div>
          <label htmlFor="field-namespace" className="block text-sm font-medium text-slate-800">
            Namespace
          </label>
          <Select
            id="field-namespace"
            name="namespace"
            value={namespace}
            onChange={(e) => {
              setNamespace(e.target.value);
              setVisibility(namespaces.find((n) => n.name === e.target.value)?.defaultVisibility ?? "public");
            }}
            className="mt-1 block w-full"
          >
            {namespaces.map((n) => (
              <option key={n.name} value={n.name}>
                {n.name}
              </option>
            ))}
          </Select>
        </div>
        <FormField
          label="Repository name"
          name="name"
          value={name}
          onChange={(e) => {
            setName(e.target.value);
            if (!e.target.value) setCheck(null);
          }}
          errors={nameErrors}
          hint={
            check?.ok && name ? (
              <span className="text-emerald-700" data-testid="name-available">
                {check.message}
              </span>
            ) : (
              "Lowercase letters, digits and . _ - between them."
            )
          }
        />
      </div>
      <FormField
        label="Short description"
        name="description"
        maxLength={100}
        defaultValue={v.description}
        errors={state.fieldErrors?.description}
        hint="Up to 100 characters."
      />
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">Visibility</legend>
        <div className="mt-2 flex gap-6 text-sm">
          {(["public", "private"] as const).map((option) => (
            <label key={option} className="flex items-center gap-2">
              <input
                type="radio"
                name="visibility"
                value={option}
                checked={visibility === option}
                onChange={() => setVisibility(option)}
              />
              {option === "public" ? "Public: anyone can pull" : "Private: only people you grant"}
            </label>
          ))}
        </div>
      </fieldset>
      <SubmitButton pendingText="Creating…">Create</SubmitButton>
    </form>
  );
}
