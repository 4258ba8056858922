import type {
  HTMLAttributes,
  InputHTMLAttributes,
  ReactNode,
  SelectHTMLAttributes,
  TextareaHTMLAttributes,
} from "react";

/** The one look of a text box, select or text area; red when the field has an error. */
export function controlClass(invalid = false, extra = ""): string {
  const tone = invalid
    ? "border-red-400 focus:ring-red-200"
    : "border-slate-300 focus:border-brand-500 focus:ring-brand-100";
  return `rounded-md border bg-surface px-3 py-2 text-sm shadow-sm outline-none focus:ring-2 ${tone} ${extra}`.trim();
}

type Invalid = { invalid?: boolean };

export function Input({ invalid, className = "", ...props }: InputHTMLAttributes<HTMLInputElement> & Invalid) {
  return <input aria-invalid={invalid || undefined} className={controlClass(invalid, className)} {...props} />;
}

export function Select({ invalid, className = "", ...props }: SelectHTMLAttributes<HTMLSelectElement> & Invalid) {
  return <select aria-invalid={invalid || undefined} className={controlClass(invalid, className)} {...props} />;
}

export function Textarea({ invalid, className = "", ...props }: TextareaHTMLAttributes<HTMLTextAreaElement> & Invalid) {
  return <textarea aria-invalid={invalid || undefined} className={controlClass(invalid, className)} {...props} />;
}

/**
 * A box with a text area's look for what stands in its place, such as a Markdown preview beside its
 * Write tab: switching tabs keeps the frame, and a focusable frame shows the fields' focus ring.
 */
export function FieldFrame({ className = "", ...props }: HTMLAttributes<HTMLDivElement>) {
  return <div className={controlClass(false, className)} {...props} />;
}

/** A label above its control: `<Label text="Sort">` wraps the control, so no id is needed. */
export function Label({
  text,
  children,
  className = "",
}: {
  text: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  return (
    <label className={`block text-sm ${className}`.trim()}>
      <span className="block font-medium text-slate-800">{text}</span>
      <span className="mt-1 block">{children}</span>
    </label>
  );
}

/** A field's hint line, under the control. */
export function FieldHint({ id, children }: { id?: string; children: ReactNode }) {
  return (
    <p id={id} className="mt-1 text-xs text-slate-500">
      {children}
    </p>
  );
}

/** A field's error line, under the control (point the control's aria-describedby at its id). */
export function FieldError({ id, children }: { id?: string; children: ReactNode }) {
  return (
    <p id={id} className="mt-1 text-sm text-red-700">
      {children}
    </p>
  );
}

/** A checkbox with its label and, under the label, what turning it on does. */
export function CheckboxField({
  name,
  label,
  defaultChecked,
  children,
}: {
  name: string;
  label: ReactNode;
  defaultChecked: boolean;
  children?: ReactNode;
}) {
  return (
    <label className="flex items-start gap-3 text-sm">
      <input type="checkbox" name={name} defaultChecked={defaultChecked} className="mt-1" />
      <span>
        <span className="font-medium">{label}</span>
        {children ? <span className="block text-slate-600">{children}</span> : null}
      </span>
    </label>
  );
}
