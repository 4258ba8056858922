import Link from "next/link";
import type { ComponentProps } from "react";

/** One choice of a row of rounded links (namespace, platform, chart range); the current one is filled. */
export function PillLink({ active, className = "", ...props }: ComponentProps<typeof Link> & { active: boolean }) {
  const look = active ? "bg-brand-600 text-white" : "bg-surface text-slate-700 ring-1 ring-slate-200 hover:bg-slate-50";
  return (
    <Link
      aria-current={active ? "true" : undefined}
      className={`rounded-full px-3 py-1 ${look} ${className}`.trim()}
      {...props}
    />
  );
}
