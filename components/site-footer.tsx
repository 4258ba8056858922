import Link from "next/link";
import type { Theme } from "@/lib/theme";
import { SERVICE_LINKS } from "./nav/links";
import { ThemeSwitch } from "./theme-switch";

/** Below every page: the service links a visitor looks for at the bottom, and the theme switch. */
export function SiteFooter({ theme }: { theme: Theme }) {
  return (
    <footer className="border-t border-slate-200">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-6 text-sm text-slate-600">
        <nav aria-label="Footer" className="flex items-center gap-4">
          <span className="font-medium text-ink">Dockyard</span>
          {SERVICE_LINKS.map((l) => (
            <Link key={l.href} href={l.href} className="hover:text-ink">
              {l.label}
            </Link>
          ))}
        </nav>
        <ThemeSwitch initial={theme} />
      </div>
    </footer>
  );
}
