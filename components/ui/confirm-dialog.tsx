"use client";

import { useId, useRef, type ReactNode } from "react";
import { SubmitButton } from "@/components/forms/submit-button";
import { buttonClass, type ButtonVariant } from "@/components/ui/button-styles";

/**
 * A button that asks before it submits: a modal <dialog> (focus trapped, Escape and Cancel close it)
 * with the consequence spelled out, and the action's form inside it. Replaces window.confirm, which
 * cannot be styled, tested like the rest of the page, or told apart from a browser prompt.
 */
export function ConfirmDialog({
  trigger,
  title,
  description,
  confirmLabel,
  pendingText,
  action,
  fields,
  variant = "danger",
  triggerVariant = "secondary",
}: {
  trigger: string;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  pendingText?: string;
  action: (formData: FormData) => void | Promise<void>;
  fields?: ReactNode;
  variant?: ButtonVariant;
  triggerVariant?: ButtonVariant;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const close = () => ref.current?.close();
  return (
    <>
      <button type="button" className={buttonClass(triggerVariant)} onClick={() => ref.current?.showModal()}>
        {trigger}
      </button>
      <dialog
        ref={ref}
        aria-labelledby={titleId}
        className="m-auto w-full max-w-md rounded-lg border border-slate-200 bg-white p-6 shadow-xl backdrop:bg-slate-900/40"
      >
        <h2 id={titleId} className="text-lg font-semibold">
          {title}
        </h2>
        <div className="mt-2 text-sm text-slate-600">{description}</div>
        <div className="mt-6 flex justify-end gap-3">
          <button type="button" className={buttonClass("secondary")} onClick={close}>
            Cancel
          </button>
          <form action={action} onSubmit={close}>
            {fields}
            <SubmitButton variant={variant} pendingText={pendingText}>
              {confirmLabel}
            </SubmitButton>
          </form>
        </div>
      </dialog>
    </>
  );
}
