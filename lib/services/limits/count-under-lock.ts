import "server-only";
import { count, eq } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Transaction } from "@/db";

/**
 * How many rows of `children` belong to the parent row `parentId`, with that parent row locked
 * (`FOR UPDATE`) for the rest of the transaction: concurrent adds under one parent wait for each
 * other, so a per-parent limit checked on this count holds when 100 requests arrive at once.
 */
export async function countUnderLock(
  tx: Transaction,
  parent: { table: PgTable; id: PgColumn },
  parentId: string,
  children: { table: PgTable; parentId: PgColumn },
): Promise<number> {
  await tx.select({ id: parent.id }).from(parent.table).where(eq(parent.id, parentId)).for("update");
  const [{ n } = { n: 0 }] = await tx
    .select({ n: count() })
    .from(children.table)
    .where(eq(children.parentId, parentId));
  return n;
}
