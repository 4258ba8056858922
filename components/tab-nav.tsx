"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/**
 * A row of tabs; the one matching the current path is marked (aria-current) and underlined.
 * `current` names the current tab's href instead, for tabs that differ by query (?filter=unread).
 * A tab's `also` lists other paths it owns (the Tags tab owns /compare; Members & teams owns /teams).
 */
export function TabNav({
  label,
  tabs,
  current: given,
}: {
  label: string;
  tabs: Array<{ href: string; label: string; show?: boolean; also?: string[] }>;
  current?: string;
}) {
  const pathname = usePathname();
  // The deepest tab containing the page is current, so /r/a/b/webhooks/<id> still marks "Webhooks".
  const within = (path: string) => pathname === path || pathname.startsWith(`${path}/`);
  const current =
    given ??
    tabs
      .filter((t) => t.show !== false)
      .flatMap((t) => [t.href, ...(t.also ?? [])].filter(within).map((path) => ({ href: t.href, path })))
      .sort((a, b) => b.path.length - a.path.length)[0]?.href;
  return (
    <nav aria-label={label} className="flex gap-1 overflow-x-auto border-b border-slate-200 text-sm">
      {tabs
        .filter((t) => t.show !== false)
        .map((t) => {
          const isCurrent = t.href === current;
          return (
            <Link
              key={t.href}
              href={t.href}
              aria-current={isCurrent ? "page" : undefined}
              className={`shrink-0 border-b-2 px-3 py-2 whitespace-nowrap ${isCurrent ? "border-brand-600 font-medium text-ink" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-ink"}`}
            >
              {t.label}
            </Link>
          );
        })}
    </nav>
  );
}
