"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const ITEMS = [
  { href: "/settings/general", label: "General" },
  { href: "/settings/security", label: "Security" },
  { href: "/settings/tokens", label: "Personal access tokens" },
  { href: "/settings/notifications", label: "Notifications" },
  { href: "/settings/retention", label: "Tag retention" },
  { href: "/settings/builds", label: "Builds" },
  { href: "/settings/audit-log", label: "Audit log" },
  { href: "/settings/account", label: "Account" },
];

export function SettingsNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Settings" className="flex flex-col gap-1 text-sm">
      {ITEMS.map((i) => (
        <Link
          key={i.href}
          href={i.href}
          aria-current={pathname === i.href ? "page" : undefined}
          className={`rounded-md px-3 py-2 ${pathname === i.href ? "bg-brand-50 font-medium text-brand-700" : "text-slate-700 hover:bg-slate-100"}`}
        >
          {i.label}
        </Link>
      ))}
    </nav>
  );
}
