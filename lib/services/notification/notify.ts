import "server-only";
import { and, inArray } from "drizzle-orm";
import type { Database, Transaction } from "@/db";
import { notificationPreferences, notifications, users } from "@/db/schema";
import { getEnv } from "@/lib/env";
import { escapeHtml } from "@/lib/mail/send";
import { NOTIFICATION_KIND_INFO, type NotificationKind } from "@/lib/notifications/kinds";
import { enqueueJobs } from "@/lib/services/job/enqueue";

export type NotificationInput = {
  userId: string;
  kind: NotificationKind;
  title: string;
  body: string;
  link?: string | null;
};

export const EMAIL_MAX_ATTEMPTS = 6;

/**
 * Notifies users as each of them chose for the kind (in-app, email, both or neither), in the
 * caller's transaction: the bell entry and the queued email commit with the change they report.
 * Emails go through the job queue, so an SMTP outage delays them instead of losing them.
 */
export async function notify(db: Database | Transaction, items: NotificationInput[]): Promise<void> {
  if (items.length === 0) return;
  const choices = await loadChoices(db, items);
  const inApp: Array<typeof notifications.$inferInsert> = [];
  const mails: Parameters<typeof enqueueJobs>[1] = [];
  for (const item of items) {
    const choice = choices(item);
    if (!choice) continue;
    if (choice.inApp)
      inApp.push({
        userId: item.userId,
        kind: item.kind,
        title: item.title.slice(0, 300),
        body: item.body.slice(0, 2000),
        link: item.link ?? null,
      });
    if (choice.email) mails.push(emailJob(choice.email, item));
  }
  if (inApp.length > 0) await db.insert(notifications).values(inApp);
  await enqueueJobs(db, mails);
}

/**
 * Each recipient's choice for each item's kind (their saved preference, else the kind's default):
 * null for a deactivated or missing user; `email` is their address when they want mail, else null.
 */
export async function loadChoices(
  db: Database | Transaction,
  items: Array<Pick<NotificationInput, "userId" | "kind">>,
): Promise<(item: Pick<NotificationInput, "userId" | "kind">) => { inApp: boolean; email: string | null } | null> {
  const userIds = [...new Set(items.map((i) => i.userId))];
  const kinds = [...new Set(items.map((i) => i.kind))];
  if (userIds.length === 0) return () => null;
  const [prefs, recipients] = await Promise.all([
    db
      .select()
      .from(notificationPreferences)
      .where(and(inArray(notificationPreferences.userId, userIds), inArray(notificationPreferences.kind, kinds))),
    db
      .select({ id: users.id, email: users.email, deactivatedAt: users.deactivatedAt })
      .from(users)
      .where(inArray(users.id, userIds)),
  ]);
  const pref = new Map(prefs.map((p) => [`${p.userId}:${p.kind}`, p]));
  const active = new Map(recipients.filter((r) => !r.deactivatedAt).map((r) => [r.id, r.email]));
  return (item) => {
    const address = active.get(item.userId);
    if (!address) return null;
    const choice = pref.get(`${item.userId}:${item.kind}`) ?? NOTIFICATION_KIND_INFO[item.kind].defaults;
    return { inApp: choice.inApp, email: choice.email ? address : null };
  };
}

/** The queued email for one notification, with a link to it and to the notification settings. */
export function emailJob(to: string, item: Pick<NotificationInput, "title" | "body" | "link">) {
  const base = getEnv().CONSOLE_URL;
  const url = item.link ? new URL(item.link, base).toString() : null;
  const settings = new URL("/settings/notifications", base).toString();
  return {
    queue: "email",
    maxAttempts: EMAIL_MAX_ATTEMPTS,
    payload: {
      to,
      subject: item.title.slice(0, 200),
      text: `${item.body}\n${url ? `\n${url}\n` : ""}\nChoose which notifications you get: ${settings}\n`,
      html: `<p>${escapeHtml(item.body)}</p>${url ? `<p><a href="${escapeHtml(url)}">${escapeHtml(url)}</a></p>` : ""}<p style="color:#64748b;font-size:12px">Choose which notifications you get: <a href="${escapeHtml(settings)}">notification settings</a>.</p>`,
    },
  } satisfies Parameters<typeof enqueueJobs>[1][number];
}
