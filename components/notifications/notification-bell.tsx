"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect } from "react";
import { queryKeys } from "@/lib/query-keys";

const KEY = queryKeys.unreadNotifications;

async function fetchUnreadCount(): Promise<number> {
  const res = await fetch("/api/notifications/unread-count", { cache: "no-store" });
  // Signed out in another tab, or the console is busy: keep showing the last count.
  if (!res.ok) throw new Error(`Could not load the unread count (${res.status})`);
  return ((await res.json()) as { count: number }).count;
}

/** The header's bell: the server-rendered unread count, refreshed every 30 s and when the tab regains focus. */
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
  const label = count > 0 ? `Notifications, ${count} unread` : "Notifications";
  return (
    <Link
      href="/notifications"
      aria-label={label}
      className="relative rounded-md p-1.5 text-slate-600 hover:bg-slate-100 hover:text-ink"
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
          className="absolute -top-1 -right-1 min-w-[1.125rem] rounded-full bg-red-600 px-1 text-center text-[11px] leading-[1.125rem] font-semibold text-white ring-2 ring-white"
        >
          {count > 99 ? "99+" : count}
        </span>
      ) : null}
    </Link>
  );
}
