import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { markAllNotificationsReadAction } from "@/lib/actions/notifications";
import { SimpleForm } from "@/components/forms/simple-form";
import { NotificationItem } from "@/components/notifications/notification-item";
import { Pagination } from "@/components/pagination";
import { requireUser } from "@/lib/auth/session";
import { countUnreadNotifications, listNotifications } from "@/lib/data/notifications";
import { formatRelative } from "@/lib/format";
import { notificationListQuerySchema } from "@/lib/validations/notification";

export const metadata: Metadata = { title: "Notifications" };

const PAGE_SIZE = 20;

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function NotificationsPage({ searchParams }: Props) {
  const user = await requireUser("/notifications");
  const query = notificationListQuerySchema.parse(await searchParams);
  const unreadOnly = query.filter === "unread";
  const url = (filter: "all" | "unread", page = 1) => {
    const params = new URLSearchParams({ ...(filter === "unread" ? { filter } : {}), ...(page > 1 ? { page: String(page) } : {}) });
    return `/notifications${params.size > 0 ? `?${params}` : ""}`;
  };
  const [{ items, total }, unread] = await Promise.all([listNotifications({ userId: user.id, unreadOnly, page: query.page, pageSize: PAGE_SIZE }), countUnreadNotifications(user.id)]);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  // Past the last page (e.g. after marking items read under "Unread"): show the last one that exists.
  if (items.length === 0 && query.page > pages) redirect(url(query.filter, pages));
  const now = new Date();
  const tabs = [
    { filter: "all" as const, label: "All" },
    { filter: "unread" as const, label: `Unread (${unread})` },
  ];
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      {/* min-h: the title stays put when "Mark all as read" goes away. */}
      <div className="flex min-h-10 flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">Notifications</h1>
        <div className="flex items-center gap-3">
          {unread > 0 ? <SimpleForm action={markAllNotificationsReadAction} submit="Mark all as read" pending="Marking…" variant="secondary" inline /> : null}
          <Link href="/settings/notifications" className="text-sm text-brand-600 hover:underline">
            Settings
          </Link>
        </div>
      </div>
      <nav aria-label="Filter notifications" className="flex gap-1 border-b border-slate-200 text-sm">
        {tabs.map((t) => {
          const current = t.filter === query.filter;
          return (
            <Link
              key={t.filter}
              href={url(t.filter)}
              aria-current={current ? "page" : undefined}
              className={`border-b-2 px-3 py-2 ${current ? "border-brand-600 font-medium text-ink" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-ink"}`}
            >
              {t.label}
            </Link>
          );
        })}
      </nav>
      {items.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-12 text-center" data-testid="notifications-empty">
          <p className="font-medium">You&rsquo;re all caught up</p>
          <p className="mt-1 text-sm text-slate-600">
            {unreadOnly ? (
              <>
                No unread notifications.{" "}
                <Link href={url("all")} className="font-medium text-brand-600 hover:underline">
                  Show all
                </Link>
              </>
            ) : (
              "Sign-ins, access tokens, two-factor changes, invitations and pushes to your repositories will show up here."
            )}
          </p>
        </div>
      ) : (
        <ul className="divide-y divide-slate-100 overflow-hidden rounded-lg border border-slate-200 bg-white" data-testid="notification-list">
          {items.map((n) => (
            // Times are formatted here, on the server, so the client item hydrates the same text.
            <NotificationItem key={n.id} item={{ id: n.id, title: n.title, body: n.body, when: formatRelative(n.createdAt, now), whenIso: n.createdAt.toISOString(), unread: n.readAt === null }} />
          ))}
        </ul>
      )}
      <Pagination page={Math.min(query.page, pages)} pages={pages} href={(page) => url(query.filter, page)} />
    </div>
  );
}
