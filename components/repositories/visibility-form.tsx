"use client";

import { useActionState } from "react";
import { setRepositoryVisibilityAction } from "@/lib/actions/repository";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { initialFormState } from "@/lib/actions/form-state";

/** Switching visibility asks for an explicit confirmation, since it changes who can pull at once. */
export function VisibilityForm({
  namespace,
  name,
  visibility,
}: {
  namespace: string;
  name: string;
  visibility: "public" | "private";
}) {
  const [state, action] = useActionState(setRepositoryVisibilityAction, initialFormState);
  const next = visibility === "public" ? "private" : "public";
  return (
    <form action={action} className="space-y-3">
      <FormMessage state={state} />
      <input type="hidden" name="namespace" value={namespace} />
      <input type="hidden" name="name" value={name} />
      <input type="hidden" name="visibility" value={next} />
      <p className="text-sm text-slate-600">
        This repository is <span className="font-medium">{visibility}</span>.{" "}
        {next === "private"
          ? "Making it private stops anonymous and other users' pulls with their next token."
          : "Making it public lets anyone pull it, signed in or not."}
      </p>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" required name="confirm" />I understand who can pull it after this change
      </label>
      <SubmitButton variant="secondary">{next === "private" ? "Make private" : "Make public"}</SubmitButton>
    </form>
  );
}
