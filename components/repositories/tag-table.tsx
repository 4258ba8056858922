"use client";

import { useActionState } from "react";
import { deleteTagsAction } from "@/app/r/actions";
import { CopyButton } from "@/components/copy-button";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { initialFormState } from "@/lib/actions/form-state";

/** Tags with their digests and pull commands; admins can select tags and delete them. */
export function TagTable({ namespace, name, host, tags, canDelete }: { namespace: string; name: string; host: string; tags: Array<{ tag: string; digest: string }>; canDelete: boolean }) {
  const [state, action] = useActionState(deleteTagsAction, initialFormState);
  return (
    <form action={action} className="space-y-4">
      <FormMessage state={state} />
      <input type="hidden" name="namespace" value={namespace} />
      <input type="hidden" name="name" value={name} />
      <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" data-testid="tag-list">
        {tags.map((t) => (
          <li key={t.tag} className="flex flex-wrap items-center gap-4 px-5 py-3" data-testid="tag-item">
            {canDelete ? <input type="checkbox" name="tags" value={t.tag} aria-label={`Select ${t.tag}`} /> : null}
            <span className="min-w-24 font-medium">{t.tag}</span>
            <code className="font-mono text-xs text-slate-500" title={t.digest}>
              {t.digest.slice(0, 19)}
            </code>
            <CopyButton value={t.digest} label="Copy digest" />
            <code className="ml-auto font-mono text-xs text-slate-700">
              docker pull {host}/{namespace}/{name}:{t.tag}
            </code>
          </li>
        ))}
      </ul>
      {canDelete ? (
        <div className="flex flex-wrap items-center gap-4 rounded-lg border border-red-200 bg-white px-5 py-3">
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="confirm" />I understand the selected tags and their images are deleted from the registry
          </label>
          <SubmitButton variant="danger" pendingText="Deleting…">
            Delete selected tags
          </SubmitButton>
          {state.fieldErrors?.confirm || state.fieldErrors?.tags ? (
            <p className="w-full text-sm text-red-700" data-testid="tag-field-error">
              {state.fieldErrors.tags?.[0] ?? state.fieldErrors.confirm?.[0]}
            </p>
          ) : null}
        </div>
      ) : null}
    </form>
  );
}
