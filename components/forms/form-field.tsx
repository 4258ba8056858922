import type { InputHTMLAttributes, ReactNode } from "react";
import { FieldError, FieldHint, Input } from "@/components/ui/field";

type Props = InputHTMLAttributes<HTMLInputElement> & {
  label: string;
  name: string;
  errors?: string[];
  hint?: ReactNode;
};

/** A labelled input with its hint and field-level errors wired up for screen readers. */
export function FormField({ label, name, errors, hint, id, className, ...input }: Props) {
  const fieldId = id ?? `field-${name}`;
  const describedBy =
    [hint ? `${fieldId}-hint` : null, errors?.length ? `${fieldId}-error` : null].filter(Boolean).join(" ") ||
    undefined;
  return (
    <div className={className}>
      <label htmlFor={fieldId} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <Input
        id={fieldId}
        name={name}
        invalid={Boolean(errors?.length)}
        aria-describedby={describedBy}
        className="mt-1 block w-full"
        {...input}
      />
      {hint ? <FieldHint id={`${fieldId}-hint`}>{hint}</FieldHint> : null}
      {errors?.length ? <FieldError id={`${fieldId}-error`}>{errors[0]}</FieldError> : null}
    </div>
  );
}
