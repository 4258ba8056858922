"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { usePathname } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { queryKeys } from "@/lib/query-keys";
import { NotificationDropdown } from "./notification-dropdown";

const KEY = queryKeys.unreadNotifications;

async function fetchUnreadCount(): Promise<number> {
  const res = await fetch("/api/notifications/unread-count", { cache: "no-store" });
  // Signed out in another tab, or the console is busy: keep showing the last count.
  if (!res.ok) throw new Error(`Could not load the unread count (${res.status})`);
  return ((await res.json()) as { count: number }).count;
}

/**
 * The header's bell: the server-rendered unread count, refreshed every 30 s and when the tab
 * regains focus. It opens a dropdown with the latest notifications (mark one or all read, "See
 * all"); Escape, a click elsewhere or a navigation closes it.
 */
export function NotificationBell({ initialCount }: { initialCount: number }) {
  const client = useQueryClient();
  const { data: count } = useQuery({
    queryKey: KEY,
    queryFn: fetchUnreadCount,
    initialData: initialCount,
    refetchInterval: 30_000,
    refetchOnWindowFocus: true,
  });
  // A server render after an action (opening an item, "mark all as read") is fresher than the last poll.
  useEffect(() => {
    client.setQueryData(KEY, initialCount);
  }, [client, initialCount]);
  const pathname = usePathname();
  // Open on the page where it was opened: following a link out of it (or anywhere) closes it.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const setOpen = (next: boolean) => setOpenOn(next ? pathname : null);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpenOn(null);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      setOpenOn(null);
      button.current?.focus();
    };
    document.addEventListener("pointerdown", onPointer);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);
  const label = count > 0 ? `Notifications, ${count} unread` : "Notifications";
  return (
    <div ref={root} className="relative">
      <button
        ref={button}
        type="button"
        aria-label={label}
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        aria-haspopup="dialog"
        onClick={() => setOpen(!open)}
        className={`relative rounded-md p-1.5 hover:bg-slate-100 hover:text-ink ${open ? "bg-slate-100 text-ink" : "text-slate-600"}`}
        data-testid="notification-bell"
      >
        <svg
          aria-hidden
          viewBox="0 0 24 24"
          fill="none"
          stroke="currentColor"
          strokeWidth={1.8}
          strokeLinecap="round"
          strokeLinejoin="round"
          className="h-5 w-5"
        >
          <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
          <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
        </svg>
        {count > 0 ? (
          <span
            aria-hidden
            data-testid="notification-count"
            className="absolute -top-1 -right-1 min-w-[1.125rem] rounded-full bg-red-600 px-1 text-center text-[11px] leading-[1.125rem] font-semibold text-white ring-2 ring-surface"
          >
            {count > 99 ? "99+" : count}
          </span>
        ) : null}
      </button>
      {open ? <NotificationDropdown id={panelId} onNavigate={() => setOpen(false)} /> : null}
    </div>
  );
}
