import "server-only";
import type { PoolClient } from "pg";
import type { Database } from "@/db";
import { enqueueJobs } from "@/lib/services/job/enqueue";
import { emailJob, loadChoices, type NotificationInput } from "./notify";

/** How long a group stays open after it last grew: pushes further apart start a new notification. */
export const GROUP_WINDOW_MINUTES = 10;
// Names kept per group for the text; the count goes on past it (a name beyond the cap pushed again
// counts twice, an acceptable blur for a 500-tag burst).
const MAX_GROUP_ITEMS = 500;

export type GroupedNotificationInput = {
  userId: string;
  kind: NotificationInput["kind"];
  // Events with the same key for the same user add to one notification while it is open.
  groupKey: string;
  // What this batch adds (tag names); repeated names count once per group.
  items: string[];
  // The notification's text for the group as it now stands (all its names, newest last).
  render: (count: number, items: string[]) => Pick<NotificationInput, "title" | "body" | "link">;
};

/**
 * In-app notifications that gather events into one row ("60 tags pushed to ops/load") instead of
 * one per batch, in the caller's transaction. An open group is the row holding `group_key`, unread
 * and grown within the window; a closed one gives its key up first. The insert meets concurrent
 * batches on the unique (user_id, group_key) index, so envelopes arriving together add to the same
 * row instead of each making its own. A fixed number of statements, whatever the batch size.
 * Email (for those who chose it) goes once per group, when it opens.
 */
export async function notifyGrouped(
  client: PoolClient,
  db: Database,
  inputs: GroupedNotificationInput[],
): Promise<number> {
  // One entry per user and key (a statement may not touch one row twice), in a fixed order so
  // concurrent batches lock the same rows in the same order.
  const merged = new Map<string, GroupedNotificationInput>();
  for (const i of inputs) {
    const k = `${i.userId}\u0000${i.groupKey}`;
    const seen = merged.get(k);
    merged.set(k, seen ? { ...seen, items: [...seen.items, ...i.items] } : { ...i, items: [...i.items] });
  }
  const all = [...merged.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
  if (all.length === 0) return 0;
  const choices = await loadChoices(db, all);
  const wanted = all.flatMap((i) => {
    const choice = choices(i);
    return choice && (choice.inApp || choice.email) ? [{ ...i, choice, items: [...new Set(i.items)] }] : [];
  });
  const inApp = wanted.filter((w) => w.choice.inApp);
  const mails: Parameters<typeof enqueueJobs>[1] = [];
  if (inApp.length > 0) {
    const users = inApp.map((w) => w.userId);
    const keys = inApp.map((w) => w.groupKey);
    // Close the groups that are read or quiet for too long: their key goes, the row stays as it is.
    await client.query(
      `update notifications n set group_key = null
       from unnest($1::uuid[], $2::text[]) as g(user_id, group_key)
       where n.user_id = g.user_id and n.group_key = g.group_key
         and (n.read_at is not null or n.created_at < now() - make_interval(mins => $3))`,
      [users, keys, GROUP_WINDOW_MINUTES],
    );
    const { rows } = await client.query<{
      id: string;
      user_id: string;
      group_key: string;
      group_count: number;
      group_items: string[];
      opened: boolean;
    }>(
      `insert into notifications (user_id, kind, title, group_key, group_count, group_items)
       select g.user_id, g.kind, '', g.group_key, cardinality(g.items::text[]), (g.items::text[])[1:$5]
       -- Each batch's names travel as one array literal (unnest would flatten an array of arrays).
       from unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) as g(user_id, kind, group_key, items)
       on conflict (user_id, group_key) where group_key is not null do update set
         group_count = notifications.group_count
           + (select count(*) from unnest(excluded.group_items) t where t <> all(notifications.group_items))::int,
         group_items = (notifications.group_items
           || array(select t from unnest(excluded.group_items) t where t <> all(notifications.group_items)))[1:$5],
         created_at = now()
       returning id, user_id, group_key, group_count, group_items, (xmax = 0) as opened`,
      [
        users,
        inApp.map((w) => w.kind),
        keys,
        inApp.map((w) => `{${w.items.map(pgArrayItem).join(",")}}`),
        MAX_GROUP_ITEMS,
      ],
    );
    const byKey = new Map(inApp.map((w) => [`${w.userId}\u0000${w.groupKey}`, w]));
    const texts = rows.map((r) => {
      const w = byKey.get(`${r.user_id}\u0000${r.group_key}`)!;
      const text = w.render(r.group_count, r.group_items);
      if (r.opened && w.choice.email) mails.push(emailJob(w.choice.email, text));
      return { id: r.id, ...text };
    });
    await client.query(
      `update notifications n set title = left(v.title, 300), body = left(v.body, 2000), link = v.link
       from unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) as v(id, title, body, link)
       where n.id = v.id`,
      [texts.map((t) => t.id), texts.map((t) => t.title), texts.map((t) => t.body), texts.map((t) => t.link ?? null)],
    );
  }
  // Email only, in-app off: one mail per batch (no group row remembers that one went out already).
  for (const w of wanted)
    if (!w.choice.inApp && w.choice.email) mails.push(emailJob(w.choice.email, w.render(w.items.length, w.items)));
  await enqueueJobs(db, mails);
  return wanted.length;
}

/** One element of a PostgreSQL array literal, quoted (tag names are plain, but never trust that). */
function pgArrayItem(v: string): string {
  return `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}
