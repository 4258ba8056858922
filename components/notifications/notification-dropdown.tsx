"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useActionState, useTransition } from "react";
import {
  markAllNotificationsReadAction,
  markNotificationReadAction,
  openNotificationAction,
} from "@/lib/actions/notifications";
import { initialFormState } from "@/lib/actions/form-state";
import { formatRelative } from "@/lib/format";
import { queryKeys } from "@/lib/query-keys";
import { Skeleton } from "@/components/ui/skeleton";

type Recent = {
  unread: number;
  items: Array<{ id: string; title: string; body: string; link: string | null; createdAt: string; unread: boolean }>;
};

async function fetchRecent(): Promise<Recent> {
  const res = await fetch("/api/notifications/recent", { cache: "no-store" });
  if (!res.ok) throw new Error(`Could not load notifications (${res.status})`);
  return (await res.json()) as Recent;
}

/**
 * The bell's panel: the latest notifications, loaded when it opens. Opening an item goes through
 * the server (marks it read, then follows its link), as on the Notifications page; "Mark as read"
 * and "Mark all as read" stay here and refresh the count.
 */
export function NotificationDropdown({ id, onNavigate }: { id: string; onNavigate: () => void }) {
  const client = useQueryClient();
  const { data, isPending, isError, refetch } = useQuery({
    queryKey: queryKeys.recentNotifications,
    queryFn: fetchRecent,
    // Fresh every time it opens: the count may have moved since.
    staleTime: 0,
    refetchOnMount: "always",
  });
  const [busy, startTransition] = useTransition();
  const refresh = () =>
    Promise.all([
      client.invalidateQueries({ queryKey: queryKeys.recentNotifications }),
      client.invalidateQueries({ queryKey: queryKeys.unreadNotifications }),
    ]);
  const markRead = (notificationId: string) =>
    startTransition(async () => {
      const form = new FormData();
      form.set("notificationId", notificationId);
      await markNotificationReadAction(initialFormState, form);
      await refresh();
    });
  const markAll = () =>
    startTransition(async () => {
      await markAllNotificationsReadAction(initialFormState, new FormData());
      await refresh();
    });
  const now = new Date();
  return (
    <div
      id={id}
      role="dialog"
      aria-label="Notifications"
      data-testid="notification-dropdown"
      // On a phone it spans the screen under the header wherever the bell sits; wider, it hangs from the bell.
      className="fixed inset-x-4 top-16 z-20 overflow-hidden rounded-xl border border-slate-200 bg-surface text-sm shadow-lg sm:absolute sm:inset-x-auto sm:top-auto sm:right-0 sm:mt-2 sm:w-[22rem]"
    >
      <div className="flex items-center justify-between gap-3 border-b border-slate-100 px-4 py-2.5">
        <p className="font-semibold text-ink">Notifications</p>
        {data && data.unread > 0 ? (
          <button
            type="button"
            onClick={markAll}
            disabled={busy}
            className="text-xs font-medium text-link hover:underline disabled:opacity-60"
          >
            Mark all as read
          </button>
        ) : null}
      </div>
      {isPending ? (
        <ul aria-label="Loading notifications" className="divide-y divide-slate-100">
          {[0, 1, 2].map((i) => (
            <li key={i} className="space-y-2 px-4 py-3">
              <Skeleton shape="line" className="h-3.5 w-3/4" />
              <Skeleton shape="line" className="h-3 w-1/2" />
            </li>
          ))}
        </ul>
      ) : isError ? (
        <div role="alert" className="px-4 py-6 text-center text-slate-600">
          Could not load your notifications.{" "}
          <button type="button" onClick={() => void refetch()} className="font-medium text-link hover:underline">
            Try again
          </button>
        </div>
      ) : data.items.length === 0 ? (
        <div className="px-4 py-8 text-center" data-testid="notification-dropdown-empty">
          <p className="font-medium text-slate-800">You’re all caught up</p>
          <p className="mt-1 text-slate-600">Sign-ins, tokens, invitations and pushes show up here.</p>
        </div>
      ) : (
        <ul className="max-h-[24rem] divide-y divide-slate-100 overflow-y-auto">
          {data.items.map((n) => (
            <DropdownItem
              key={n.id}
              item={n}
              when={formatRelative(n.createdAt, now)}
              busy={busy}
              onMarkRead={() => markRead(n.id)}
              onOpen={onNavigate}
            />
          ))}
        </ul>
      )}
      <Link
        href="/notifications"
        onClick={onNavigate}
        className="block border-t border-slate-100 px-4 py-2.5 text-center font-medium text-link hover:bg-slate-50"
      >
        See all
      </Link>
    </div>
  );
}

function DropdownItem({
  item,
  when,
  busy,
  onMarkRead,
  onOpen,
}: {
  item: Recent["items"][number];
  when: string;
  busy: boolean;
  onMarkRead: () => void;
  onOpen: () => void;
}) {
  const [, open] = useActionState(openNotificationAction, initialFormState);
  return (
    <li
      data-testid="notification-dropdown-item"
      data-unread={item.unread ? "true" : "false"}
      className={`flex gap-2.5 px-4 py-3 ${item.unread ? "bg-brand-50/60" : ""}`}
    >
      <span className="mt-1.5 flex h-2 w-2 shrink-0">
        {item.unread ? (
          <>
            <span aria-hidden className="h-2 w-2 rounded-full bg-brand-600" />
            <span className="sr-only">Unread:</span>
          </>
        ) : null}
      </span>
      <div className="min-w-0 flex-1">
        <form action={open} onSubmit={onOpen}>
          <input type="hidden" name="notificationId" value={item.id} />
          <button
            type="submit"
            className={`text-left break-words hover:text-link hover:underline ${item.unread ? "font-semibold text-ink" : "text-slate-700"}`}
          >
            {item.title}
          </button>
        </form>
        {item.body ? <p className="mt-0.5 line-clamp-2 break-words text-slate-600">{item.body}</p> : null}
        <div className="mt-1 flex items-center gap-3 text-xs text-slate-500">
          <time dateTime={item.createdAt} title={item.createdAt}>
            {when}
          </time>
          {item.unread ? (
            <button
              type="button"
              onClick={onMarkRead}
              disabled={busy}
              aria-label={`Mark “${item.title}” as read`}
              className="font-medium text-link hover:underline disabled:opacity-60"
            >
              Mark as read
            </button>
          ) : null}
        </div>
      </div>
    </li>
  );
}
