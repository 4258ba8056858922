"use client";

import { useEffect, type ReactNode } from "react";

/**
 * A one-time notice after a save, driven by query parameters the save redirected with
 * (`?created=1`, `?unresolved=1`). Once shown, those parameters leave the address bar
 * (history.replaceState, which Next's router follows without fetching the page again), so a
 * reload, a bookmark or a shared link does not announce the save a second time.
 */
export function SavedNotice({ params, children }: { params: string[]; children: ReactNode }) {
  useEffect(() => {
    const url = new URL(window.location.href);
    let changed = false;
    for (const p of params) {
      if (url.searchParams.has(p)) {
        url.searchParams.delete(p);
        changed = true;
      }
    }
    if (changed) window.history.replaceState(window.history.state, "", `${url.pathname}${url.search}${url.hash}`);
  }, [params]);
  return <div className="space-y-2">{children}</div>;
}
