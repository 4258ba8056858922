"use client";

import { useActionState, useEffect, useId, useRef, useState, type ReactNode } from "react";
import { useFormStatus } from "react-dom";
import { FormField } from "@/components/forms/form-field";
import { FormMessage } from "@/components/forms/form-message";
import { buttonClass, type ButtonSize, type ButtonVariant } from "@/components/ui/button-styles";
import { initialFormState, type FormState } from "@/lib/actions/form-state";

type ServerAction = (state: FormState<never>, data: FormData) => Promise<FormState<unknown>>;

export type ConfirmInput = {
  name: string;
  label: string;
  type?: "text" | "password";
  autoComplete?: string;
};

// useActionState needs a function even when the caller brings its own dispatch (`action`).
const idle: ServerAction = async () => initialFormState;

/**
 * A button that asks before it submits: a modal <dialog> (focus trapped, Escape and Cancel close it)
 * with the consequence spelled out, and the action's form inside it. Replaces window.confirm, which
 * cannot be styled, tested like the rest of the page, or told apart from a browser prompt.
 *
 * Two ways to wire it:
 * - `action`: a dispatch the caller owns (from its own useActionState); the dialog closes on submit
 *   and the caller shows the outcome;
 * - `formAction`: a server action (lib/actions); the dialog stays open while it runs and shows its
 *   errors (form-level and per field), closing only once it succeeds — so a wrong password or a
 *   refused deletion is read where it was typed.
 *
 * `confirmText` asks to type a name (a repository's, an organization's) before the confirm button
 * is enabled, GitHub-style; the typed value is submitted as `confirmName` and the service checks it
 * again, so the disabled button is a convenience, not the guard.
 *
 * `triggerDisabled` keeps the dialog shut while there is nothing to confirm yet (no tags selected);
 * like the typed name, the action still refuses such a request on its own.
 *
 * `whileOpen` is shown under the description, and only mounted while the dialog is open: for what
 * the dialog looks up when it opens (the bytes a deletion frees), not on every page render.
 */
export function ConfirmDialog({
  trigger,
  triggerLabel,
  title,
  description,
  whileOpen,
  confirmLabel,
  pendingText,
  action,
  formAction,
  fields,
  inputs,
  confirmText,
  confirmName = "confirmation",
  variant = "danger",
  triggerVariant = "secondary",
  triggerSize = "md",
  triggerDisabled = false,
  testId,
}: {
  trigger: string;
  triggerLabel?: string;
  title: string;
  description: ReactNode;
  whileOpen?: ReactNode;
  confirmLabel: string;
  pendingText?: string;
  action?: (formData: FormData) => void | Promise<void>;
  formAction?: ServerAction;
  fields?: ReactNode;
  inputs?: ConfirmInput[];
  confirmText?: string;
  confirmName?: string;
  variant?: ButtonVariant;
  triggerVariant?: ButtonVariant;
  triggerSize?: ButtonSize;
  triggerDisabled?: boolean;
  testId?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [typed, setTyped] = useState("");
  const [open, setOpen] = useState(false);
  const [state, dispatch] = useActionState(
    (formAction ?? idle) as (s: FormState<unknown>, d: FormData) => Promise<FormState<unknown>>,
    initialFormState,
  );
  const close = () => ref.current?.close();
  // A server action that succeeded without navigating away (a revalidated list): done, close.
  useEffect(() => {
    if (formAction && state.ok) ref.current?.close();
  }, [formAction, state]);
  const matches = confirmText === undefined || typed.trim() === confirmText;
  return (
    <>
      <button
        type="button"
        aria-label={triggerLabel}
        disabled={triggerDisabled}
        className={buttonClass(triggerVariant, "disabled:cursor-not-allowed", triggerSize)}
        onClick={() => {
          setOpen(true);
          ref.current?.showModal();
        }}
      >
        {trigger}
      </button>
      <dialog
        ref={ref}
        aria-labelledby={titleId}
        data-testid={testId}
        onClose={() => {
          setTyped("");
          setOpen(false);
        }}
        className="m-auto w-[calc(100%-2rem)] max-w-md rounded-lg border border-slate-200 bg-surface p-6 text-left whitespace-normal shadow-xl backdrop:bg-black/50"
      >
        <h2 id={titleId} className="text-lg font-semibold text-ink">
          {title}
        </h2>
        <div className="mt-2 text-sm text-slate-600">
          {description}
          {open ? whileOpen : null}
        </div>
        <form action={formAction ? dispatch : action} onSubmit={formAction ? undefined : close} noValidate>
          {fields}
          <div className="mt-4 space-y-4 empty:hidden">
            {formAction && state.message && !state.ok ? <FormMessage state={state} /> : null}
            {confirmText !== undefined ? (
              <FormField
                name={confirmName}
                label={`Type ${confirmText} to confirm`}
                value={typed}
                onChange={(e) => setTyped(e.target.value)}
                autoComplete="off"
                spellCheck={false}
                errors={state.fieldErrors?.[confirmName]}
              />
            ) : null}
            {inputs?.map((f) => (
              <FormField
                key={f.name}
                name={f.name}
                label={f.label}
                type={f.type ?? "text"}
                autoComplete={f.autoComplete}
                errors={state.fieldErrors?.[f.name]}
              />
            ))}
          </div>
          <div className="mt-6 flex flex-wrap justify-end gap-3">
            <button type="button" className={buttonClass("secondary")} onClick={close}>
              Cancel
            </button>
            <ConfirmButton variant={variant} pendingText={pendingText} disabled={!matches}>
              {confirmLabel}
            </ConfirmButton>
          </div>
        </form>
      </dialog>
    </>
  );
}

/** The submit button, disabled while the action runs or until the typed name matches. */
function ConfirmButton({
  children,
  variant,
  pendingText,
  disabled,
}: {
  children: ReactNode;
  variant: ButtonVariant;
  pendingText?: string;
  disabled: boolean;
}) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      disabled={pending || disabled}
      aria-busy={pending}
      className={buttonClass(variant, "disabled:cursor-not-allowed")}
    >
      {pending ? (pendingText ?? "Saving…") : children}
    </button>
  );
}
