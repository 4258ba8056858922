import "server-only";
import type { PoolClient } from "pg";
import type { Database } from "@/db";
import { CONSOLE_SUBJECT } from "@/lib/registry/subject";
import { enqueueWebhookDeliveries } from "@/lib/services/webhook-delivery/enqueue";
import { prepared } from "./prepared";

export type TagRemoval = {
  repositoryId: string;
  /** The tag deleted, or null when a digest was deleted (every tag on it goes). */
  tag: string | null;
  digest: string | null;
  at: Date;
  /** Who deleted it, for the webhook's `pusher`. */
  actor: string | null;
};

/**
 * Takes deleted tags out of the index and queues a `tag_deleted` webhook for each tag row that
 * actually left, in the caller's transaction. A deletion reaches the console more than once (the
 * front door or the console's own delete first, the registry's notifications after, a replay
 * later): whichever removes the row announces it, the others find nothing. Tags pushed after the
 * deletion stay. Repositories being deleted announce nothing per tag (their own
 * `repository_deleted` says it all). Returns how many deliveries were queued.
 */
export async function removeTags(client: PoolClient, db: Database, removals: TagRemoval[]): Promise<number> {
  const items = removals.filter((r) => r.tag || r.digest);
  if (items.length === 0) return 0;
  const { rows } = await prepared<{
    repository_id: string;
    name: string;
    digest: string;
    at: Date;
    actor: string | null;
    active: boolean;
  }>(
    client,
    `with d as (
       select * from unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[], $5::text[]) 
         as d(repository_id, tag, digest, at, actor)),
     gone as (
       delete from repository_tags t using d
       where t.repository_id = d.repository_id and t.pushed_at <= d.at
         and (t.name = d.tag or (d.tag is null and t.digest = d.digest))
       returning t.repository_id, t.name, t.digest, d.at, d.actor)
     select g.*, r.status = 'active' as active from gone g join repositories r on r.id = g.repository_id`,
    [
      items.map((r) => r.repositoryId),
      items.map((r) => r.tag),
      items.map((r) => r.digest),
      items.map((r) => r.at),
      items.map((r) => r.actor),
    ],
  );
  return enqueueWebhookDeliveries(
    db,
    rows
      .filter((r) => r.active)
      .map((r) => ({
        repositoryId: r.repository_id,
        event: "tag_deleted" as const,
        tag: r.name,
        digest: r.digest,
        at: r.at,
        actor: r.actor === CONSOLE_SUBJECT ? null : r.actor,
      })),
  );
}
