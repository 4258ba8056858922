import Link from "next/link";
import type { PlatformChoice } from "@/lib/data/image-details";
import { formatBytes } from "@/lib/format";

/** The platforms of a multi-platform index as links (`?platform=<digest>`), so the choice lives in the URL. */
export function PlatformSwitcher({ platforms, selected, hrefFor }: { platforms: PlatformChoice[]; selected: string; hrefFor: (digest: string) => string }) {
  return (
    <nav aria-label="Platform" className="flex flex-wrap gap-2" data-testid="platform-switcher">
      {platforms.map((p) => (
        <Link
          key={p.digest}
          href={hrefFor(p.digest)}
          aria-current={p.digest === selected ? "page" : undefined}
          data-testid="platform-option"
          className={`rounded-full px-3 py-1 font-mono text-xs ${p.digest === selected ? "bg-brand-600 text-white" : "bg-white text-slate-700 ring-1 ring-slate-200 hover:bg-slate-50"}`}
        >
          {p.label}
          {p.size !== null ? <span className="ml-2 opacity-75">{formatBytes(p.size)}</span> : null}
        </Link>
      ))}
    </nav>
  );
}
