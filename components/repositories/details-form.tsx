"use client";

import { useActionState, useRef, useState, type KeyboardEvent } from "react";
import { updateRepositoryDetailsAction } from "@/lib/actions/repository";
import { FormField } from "@/components/forms/form-field";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { FieldError, FieldFrame, FieldHint, Textarea } from "@/components/ui/field";
import { MarkdownView } from "@/components/repositories/markdown";
import { initialFormState } from "@/lib/actions/form-state";

export function DetailsForm({
  namespace,
  name,
  description,
  overview,
}: {
  namespace: string;
  name: string;
  description: string;
  overview: string;
}) {
  const [state, action] = useActionState(updateRepositoryDetailsAction, initialFormState);
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="namespace" value={namespace} />
      <input type="hidden" name="name" value={name} />
      <FormField
        label="Short description"
        name="description"
        maxLength={100}
        defaultValue={state.values?.description ?? description}
        errors={state.fieldErrors?.description}
        hint="Up to 100 characters, shown in lists."
      />
      <OverviewEditor defaultValue={state.values?.overview ?? overview} errors={state.fieldErrors?.overview} />
      <SubmitButton>Save</SubmitButton>
    </form>
  );
}

type EditorTab = "write" | "preview";

/**
 * The overview's Markdown with Write and Preview tabs (the ARIA tabs pattern, arrow keys included).
 * The preview renders on the client with the repository page's own MarkdownView, so what it shows is
 * what the page will show. The text area stays in the form while hidden, so Save sends it from
 * either tab; it stays uncontrolled (React resets the form after the action to `defaultValue`) and
 * the preview reads it when its tab opens.
 */
function OverviewEditor({ defaultValue, errors }: { defaultValue: string; errors?: string[] }) {
  const [tab, setTab] = useState<EditorTab>("write");
  const [preview, setPreview] = useState("");
  const tabs = useRef<Record<EditorTab, HTMLButtonElement | null>>({ write: null, preview: null });
  // The kit's Textarea takes no ref: read the field through the form the tab buttons sit in.
  const open = (next: EditorTab) => {
    const field = tabs.current[next]?.form?.elements.namedItem("overview");
    if (next === "preview") setPreview(field instanceof HTMLTextAreaElement ? field.value : "");
    setTab(next);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== "ArrowLeft" && e.key !== "ArrowRight" && e.key !== "Home" && e.key !== "End") return;
    e.preventDefault();
    const next: EditorTab =
      e.key === "Home" ? "write" : e.key === "End" ? "preview" : tab === "write" ? "preview" : "write";
    open(next);
    tabs.current[next]?.focus();
  };
  const describedBy = ["field-overview-hint", errors?.length ? "field-overview-error" : null].filter(Boolean).join(" ");
  return (
    <div>
      <div className="flex flex-wrap items-end justify-between gap-2">
        <label htmlFor="field-overview" className="block text-sm font-medium text-slate-800">
          Overview (Markdown)
        </label>
        <div role="tablist" aria-label="Overview editor" className="flex gap-1 text-sm" onKeyDown={onKeyDown}>
          {(["write", "preview"] as const).map((t) => (
            <button
              key={t}
              ref={(el) => {
                tabs.current[t] = el;
              }}
              type="button"
              role="tab"
              id={`overview-tab-${t}`}
              aria-selected={tab === t}
              aria-controls={`overview-panel-${t}`}
              tabIndex={tab === t ? 0 : -1}
              onClick={() => open(t)}
              className={`rounded-t-md border-b-2 px-3 py-1.5 ${tab === t ? "border-brand-600 font-medium text-ink" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-ink"}`}
            >
              {t === "write" ? "Write" : "Preview"}
            </button>
          ))}
        </div>
      </div>
      <div role="tabpanel" id="overview-panel-write" aria-labelledby="overview-tab-write" hidden={tab !== "write"}>
        <Textarea
          id="field-overview"
          name="overview"
          rows={12}
          defaultValue={defaultValue}
          invalid={Boolean(errors?.length)}
          aria-describedby={describedBy}
          className="mt-1 block w-full font-mono"
        />
      </div>
      <FieldFrame
        role="tabpanel"
        id="overview-panel-preview"
        aria-labelledby="overview-tab-preview"
        hidden={tab !== "preview"}
        tabIndex={0}
        className="mt-1 min-h-60 overflow-auto"
        data-testid="overview-preview"
      >
        {tab === "preview" ? (
          preview.trim() ? (
            <MarkdownView source={preview} />
          ) : (
            <p className="text-sm text-slate-500">Nothing to preview yet: write the overview in the Write tab.</p>
          )
        ) : null}
      </FieldFrame>
      <FieldHint id="field-overview-hint">
        GitHub-flavoured Markdown: headings, lists, code blocks, tables, task lists, ~~strikethrough~~. HTML is shown as
        text.
      </FieldHint>
      {errors?.length ? <FieldError id="field-overview-error">{errors[0]}</FieldError> : null}
    </div>
  );
}
