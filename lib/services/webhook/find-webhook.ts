import "server-only";
import { and, eq } from "drizzle-orm";
import type { Database, Transaction } from "@/db";
import { webhooks, type Webhook } from "@/db/schema";
import { NotFoundError } from "@/lib/errors";

/** A webhook of this repository (ids from another repository are simply not found). */
export async function findWebhook(
  db: Database | Transaction,
  repositoryId: string,
  webhookId: string,
): Promise<Webhook> {
  const [row] = await db
    .select()
    .from(webhooks)
    .where(and(eq(webhooks.id, webhookId), eq(webhooks.repositoryId, repositoryId)))
    .limit(1);
  if (!row) throw new NotFoundError("That webhook does not exist.");
  return row;
}
