import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { markAllNotificationsReadAction } from "@/lib/actions/notifications";
import { SimpleForm } from "@/components/forms/simple-form";
import { NotificationItem } from "@/components/notifications/notification-item";
import { listUrl, Pagination } from "@/components/pagination";
import { TabNav } from "@/components/tab-nav";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { TextLink } from "@/components/ui/text-link";
import { requireUser } from "@/lib/auth/session";
import { countUnreadNotifications, listNotifications } from "@/lib/data/notifications";
import { notificationListQuerySchema } from "@/lib/validations/notification";
import { pageCount } from "@/lib/validations/pagination";

export const metadata: Metadata = { title: "Notifications" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function NotificationsPage({ searchParams }: Props) {
  const user = await requireUser("/notifications");
  const query = notificationListQuerySchema.parse(await searchParams);
  const unreadOnly = query.filter === "unread";
  const url = (filter: "all" | "unread", page = 1, pageSize = query.page_size) =>
    listUrl("/notifications", { filter: filter === "unread" ? filter : null, page, page_size: pageSize });
  const [{ items, total }, unread] = await Promise.all([
    listNotifications({ userId: user.id, unreadOnly, page: query.page, pageSize: query.page_size }),
    countUnreadNotifications(user.id),
  ]);
  const pages = pageCount(total, query.page_size);
  // Past the last page (e.g. after marking items read under "Unread"): show the last one that exists.
  if (items.length === 0 && query.page > pages) redirect(url(query.filter, pages));
  const tabs = [
    { href: url("all"), label: "All" },
    { href: url("unread"), label: `Unread (${unread})` },
  ];
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      {/* min-h: the title stays put when "Mark all as read" goes away. */}
      <div className="min-h-10">
        <PageHeader
          title="Notifications"
          actions={
            <>
              {unread > 0 ? (
                <SimpleForm
                  action={markAllNotificationsReadAction}
                  submit="Mark all as read"
                  pending="Marking…"
                  variant="secondary"
                  inline
                />
              ) : null}
              <TextLink href="/settings/notifications" className="text-sm">
                Settings
              </TextLink>
            </>
          }
        />
      </div>
      <TabNav label="Filter notifications" tabs={tabs} current={url(query.filter)} />
      {items.length === 0 ? (
        <EmptyState title="You’re all caught up" testId="notifications-empty">
          {unreadOnly ? (
            <>
              No unread notifications. <TextLink href={url("all")}>Show all</TextLink>
            </>
          ) : (
            "Sign-ins, access tokens, two-factor changes, invitations and pushes to your repositories will show up here."
          )}
        </EmptyState>
      ) : (
        <Card padded={false}>
          <ul className="divide-y divide-slate-100" data-testid="notification-list">
            {items.map((n) => (
              <NotificationItem
                key={n.id}
                item={{
                  id: n.id,
                  title: n.title,
                  body: n.body,
                  whenIso: n.createdAt.toISOString(),
                  unread: n.readAt === null,
                }}
              />
            ))}
          </ul>
        </Card>
      )}
      <Pagination
        page={Math.min(query.page, pages)}
        pages={pages}
        href={(page, size) => url(query.filter, page, size)}
        pageSize={query.page_size}
      />
    </div>
  );
}
