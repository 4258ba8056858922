import type { HTMLAttributes, ReactNode } from "react";

/** A white framed panel. `padded={false}` for lists and tables that run to the frame's edge. */
export function Card({
  padded = true,
  className = "",
  ...props
}: HTMLAttributes<HTMLDivElement> & { padded?: boolean }) {
  return (
    <div
      className={`rounded-xl border border-slate-200 bg-surface ${padded ? "p-6" : "overflow-hidden"} ${className}`.trim()}
      {...props}
    />
  );
}

/** A titled card, named by its heading for screen readers; `tone="danger"` for irreversible actions. */
export function Section({
  title,
  description,
  children,
  tone,
  actions,
}: {
  title: string;
  description?: ReactNode;
  children: ReactNode;
  tone?: "danger";
  actions?: ReactNode;
}) {
  // One token: aria-labelledby reads a space as a list of ids, which left multi-word sections unnamed.
  const headingId = `s-${title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
  return (
    <section
      className={`rounded-xl border bg-surface p-6 ${tone === "danger" ? "border-red-200" : "border-slate-200"}`}
      aria-labelledby={headingId}
    >
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h2 id={headingId} className={`text-base font-semibold ${tone === "danger" ? "text-red-800" : ""}`}>
            {title}
          </h2>
          {description ? <p className="mt-1 text-sm text-slate-600">{description}</p> : null}
        </div>
        {actions}
      </div>
      <div className="mt-5">{children}</div>
    </section>
  );
}
