import type { ReactNode } from "react";

/** A titled settings card; `tone="danger"` for irreversible actions. */
export function Section({ title, description, children, tone }: { title: string; description?: ReactNode; children: ReactNode; tone?: "danger" }) {
  // One token: aria-labelledby reads a space as a list of ids, which left multi-word sections unnamed.
  const headingId = `s-${title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
  return (
    <section className={`rounded-xl border bg-white p-6 ${tone === "danger" ? "border-red-200" : "border-slate-200"}`} aria-labelledby={headingId}>
      <h2 id={headingId} className={`text-base font-semibold ${tone === "danger" ? "text-red-800" : ""}`}>
        {title}
      </h2>
      {description ? <p className="mt-1 text-sm text-slate-600">{description}</p> : null}
      <div className="mt-5">{children}</div>
    </section>
  );
}
