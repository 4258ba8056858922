"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/**
 * Re-renders the page every few seconds while one of its builds is queued or running, so a list's
 * statuses and durations move on their own; renders nothing, and stops once every build is done
 * (the server's next render passes `active={false}`). Paused while the tab is hidden.
 */
export function RefreshWhileActive({ active, everyMs = 3000 }: { active: boolean; everyMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") router.refresh();
    }, everyMs);
    return () => clearInterval(timer);
  }, [active, everyMs, router]);
  return null;
}
