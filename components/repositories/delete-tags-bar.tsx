"use client";

import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { FormState } from "@/lib/actions/form-state";
import { formatCount } from "@/lib/format";
import { DeletionImpact } from "./deletion-impact";

// Past this many names the list scrolls inside the dialog, so Cancel and Delete stay on screen.
const LIST_ROWS = 8;

/**
 * The bar under the tag table: the selection count and "Delete selected tags", which asks in a
 * dialog naming every selected tag before anything is sent. The dialog posts the names it shows,
 * so what is deleted is exactly what was confirmed.
 */
export function DeleteTagsBar({
  namespace,
  name,
  selected,
  action,
  pending,
  state,
}: {
  namespace: string;
  name: string;
  selected: string[];
  action: (formData: FormData) => void;
  pending: boolean;
  state: FormState<unknown>;
}) {
  const count = formatCount(selected.length, "tag");
  const scrolls = selected.length > LIST_ROWS;
  return (
    <div className="flex flex-wrap items-center gap-4 rounded-lg border border-red-200 bg-surface px-5 py-3">
      <ConfirmDialog
        trigger={pending ? "Deleting…" : "Delete selected tags"}
        triggerVariant="danger"
        triggerDisabled={pending || selected.length === 0}
        title={`Delete ${count}?`}
        description={
          <>
            <p>
              {selected.length === 1 ? "This tag and its image are" : `These ${count} and their images are`} deleted
              from the registry; pulls of {selected.length === 1 ? "it" : "them"} fail from now on. This cannot be
              undone.
            </p>
            <ul
              className={`mt-3 space-y-0.5 rounded-md border border-slate-200 px-3 py-2 font-mono text-xs break-all text-slate-700 ${scrolls ? "max-h-48 overflow-y-auto" : ""}`}
              data-testid="delete-tags-list"
              aria-label="Tags to delete"
              // A scrolling list must be reachable by keyboard to be read to the end.
              tabIndex={scrolls ? 0 : undefined}
            >
              {selected.map((tag) => (
                <li key={tag}>{tag}</li>
              ))}
            </ul>
          </>
        }
        whileOpen={<DeletionImpact namespace={namespace} name={name} tags={selected} />}
        confirmLabel={`Delete ${count}`}
        action={action}
        testId="delete-tags-dialog"
        fields={
          <>
            <input type="hidden" name="namespace" value={namespace} />
            <input type="hidden" name="name" value={name} />
            {selected.map((tag) => (
              <input key={tag} type="hidden" name="tags" value={tag} />
            ))}
          </>
        }
      />
      <span className="text-sm text-slate-500" data-testid="tag-selected-count" aria-live="polite">
        {selected.length > 0 ? `${count} selected` : "No tags selected"}
      </span>
      {state.fieldErrors?.tags ? (
        <p className="w-full text-sm text-red-700" data-testid="tag-field-error">
          {state.fieldErrors.tags[0]}
        </p>
      ) : null}
    </div>
  );
}
