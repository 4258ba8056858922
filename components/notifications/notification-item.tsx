"use client";

import { useActionState } from "react";
import { openNotificationAction } from "@/lib/actions/notifications";
import { initialFormState } from "@/lib/actions/form-state";
import { Time } from "@/components/ui/time";

export type NotificationRow = {
  id: string;
  title: string;
  body: string;
  // When it arrived (ISO); shown as relative time with the UTC moment as tooltip.
  whenIso: string;
  unread: boolean;
};

/**
 * One notification. Its title is a button, not a plain link: opening goes through the server,
 * which marks the item read and then redirects to where it points.
 */
export function NotificationItem({ item }: { item: NotificationRow }) {
  const [state, open] = useActionState(openNotificationAction, initialFormState);
  return (
    <li
      className={`flex gap-3 px-5 py-4 ${item.unread ? "bg-brand-50/60" : ""}`}
      data-testid="notification-item"
      data-unread={item.unread ? "true" : "false"}
    >
      <span className="mt-1.5 flex h-2.5 w-2.5 shrink-0 items-center justify-center">
        {item.unread ? (
          <>
            <span aria-hidden className="h-2.5 w-2.5 rounded-full bg-brand-600" />
            <span className="sr-only">Unread:</span>
          </>
        ) : null}
      </span>
      <div className="min-w-0 flex-1">
        <form action={open}>
          <input type="hidden" name="notificationId" value={item.id} />
          <button
            type="submit"
            className={`text-left hover:text-link hover:underline ${item.unread ? "font-semibold text-ink" : "font-medium text-slate-700"}`}
          >
            {item.title}
          </button>
        </form>
        {item.body ? <p className="mt-0.5 text-sm break-words text-slate-600">{item.body}</p> : null}
        <p className="mt-1 text-xs text-slate-500">
          <Time value={item.whenIso} />
        </p>
        {!state.ok && state.message ? (
          <p role="alert" className="mt-1 text-xs text-red-700">
            {state.message}
          </p>
        ) : null}
      </div>
    </li>
  );
}
