import type { ReactNode } from "react";

/** A titled settings card; `tone="danger"` for irreversible actions. */
export function Section({ title, description, children, tone }: { title: string; description?: ReactNode; children: ReactNode; tone?: "danger" }) {
  return (
    <section className={`rounded-xl border bg-white p-6 ${tone === "danger" ? "border-red-200" : "border-slate-200"}`} aria-labelledby={`s-${title}`}>
      <h2 id={`s-${title}`} className={`text-base font-semibold ${tone === "danger" ? "text-red-800" : ""}`}>
        {title}
      </h2>
      {description ? <p className="mt-1 text-sm text-slate-600">{description}</p> : null}
      <div className="mt-5">{children}</div>
    </section>
  );
}
