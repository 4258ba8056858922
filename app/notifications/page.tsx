import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { markAllNotificationsReadAction } from "@/lib/actions/notifications";
import { SimpleForm } from "@/components/forms/simple-form";
import { NotificationItem } from "@/components/notifications/notification-item";
import { Pagination } from "@/components/pagination";
import { TabNav } from "@/components/tab-nav";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { TextLink } from "@/components/ui/text-link";
import { requireUser } from "@/lib/auth/session";
import { countUnreadNotifications, listNotifications } from "@/lib/data/notifications";
import { notificationListQuerySchema } from "@/lib/validations/notification";

export const metadata: Metadata = { title: "Notifications" };

const PAGE_SIZE = 20;

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function NotificationsPage({ searchParams }: Props) {
  const user = await requireUser("/notifications");
  const query = notificationListQuerySchema.parse(await searchParams);
  const unreadOnly = query.filter === "unread";
  const url = (filter: "all" | "unread", page = 1) => {
    const params = new URLSearchParams({
      ...(filter === "unread" ? { filter } : {}),
      ...(page > 1 ? { page: String(page) } : {}),
    });
    return `/notifications${params.size > 0 ? `?${params}` : ""}`;
  };
  const [{ items, total }, unread] = await Promise.all([
    listNotifications({ userId: user.id, unreadOnly, page: query.page, pageSize: PAGE_SIZE }),
    countUnreadNotifications(user.id),
  ]);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
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
      <Pagination page={Math.min(query.page, pages)} pages={pages} href={(page) => url(query.filter, page)} />
    </div>
  );
}
