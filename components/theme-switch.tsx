"use client";

import { useState, type ReactNode } from "react";
import { THEME_COOKIE, THEME_COOKIE_MAX_AGE, THEMES, type Theme } from "@/lib/theme";

const LABELS: Record<Theme, string> = { system: "System", light: "Light", dark: "Dark" };

/**
 * System / Light / Dark, as three radio buttons. Choosing one sets `data-theme` on <html> at once
 * (the colours are CSS `light-dark()` values, so nothing re-renders) and remembers it in a cookie
 * the server reads on the next page.
 */
export function ThemeSwitch({ initial }: { initial: Theme }) {
  const [theme, setTheme] = useState<Theme>(initial);
  const choose = (next: Theme) => {
    setTheme(next);
    applyTheme(next);
  };
  return (
    <div role="radiogroup" aria-label="Theme" className="inline-flex rounded-full p-0.5 ring-1 ring-slate-200">
      {THEMES.map((t) => (
        <button
          key={t}
          type="button"
          role="radio"
          aria-checked={theme === t}
          title={LABELS[t]}
          onClick={() => choose(t)}
          className={`flex items-center gap-1 rounded-full px-2 py-1 text-xs ${
            theme === t ? "bg-slate-100 font-medium text-ink" : "text-slate-600 hover:text-ink"
          }`}
        >
          {ICONS[t]}
          <span>{LABELS[t]}</span>
        </button>
      ))}
    </div>
  );
}

/** Outside the component: it writes to the document, which is not React state. */
function applyTheme(theme: Theme) {
  document.documentElement.dataset.theme = theme;
  const secure = location.protocol === "https:" ? "; Secure" : "";
  document.cookie = `${THEME_COOKIE}=${theme}; Path=/; Max-Age=${THEME_COOKIE_MAX_AGE}; SameSite=Lax${secure}`;
}

const iconClass = "h-3.5 w-3.5";
const ICONS: Record<Theme, ReactNode> = {
  system: (
    <svg aria-hidden viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="1.6" className={iconClass}>
      <rect x="2.5" y="3.5" width="15" height="10" rx="1.5" />
      <path d="M7 17h6M10 13.5V17" />
    </svg>
  ),
  light: (
    <svg aria-hidden viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="1.6" className={iconClass}>
      <circle cx="10" cy="10" r="3.5" />
      <path d="M10 2v2M10 16v2M2 10h2M16 10h2M4.3 4.3l1.4 1.4M14.3 14.3l1.4 1.4M4.3 15.7l1.4-1.4M14.3 5.7l1.4-1.4" />
    </svg>
  ),
  dark: (
    <svg aria-hidden viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="1.6" className={iconClass}>
      <path d="M16.5 12.3A7 7 0 0 1 7.7 3.5a7 7 0 1 0 8.8 8.8Z" />
    </svg>
  ),
};
