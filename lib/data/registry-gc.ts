import "server-only";
import { and, count, desc, eq, isNotNull, isNull } from "drizzle-orm";
import { getDb } from "@/db";
import { registryGcRuns, users, type RegistryGcRun } from "@/db/schema";
import { cachedAccess } from "@/lib/data/access-cache";

/** Runs as the pages and the API show them: the row, and who asked (null: the schedule, or a deleted account). */
export type GcRunView = Omit<RegistryGcRun, "ownerHostname" | "ownerPid" | "heartbeatAt"> & {
  requestedBy: string | null;
};

const columns = {
  id: registryGcRuns.id,
  trigger: registryGcRuns.trigger,
  requestedById: registryGcRuns.requestedById,
  requestedBy: users.username,
  status: registryGcRuns.status,
  scheduledFor: registryGcRuns.scheduledFor,
  createdAt: registryGcRuns.createdAt,
  startedAt: registryGcRuns.startedAt,
  finishedAt: registryGcRuns.finishedAt,
  readOnlySince: registryGcRuns.readOnlySince,
  readOnlyUntil: registryGcRuns.readOnlyUntil,
  predictedBytes: registryGcRuns.predictedBytes,
  bytesBefore: registryGcRuns.bytesBefore,
  bytesAfter: registryGcRuns.bytesAfter,
  blobsBefore: registryGcRuns.blobsBefore,
  blobsRemoved: registryGcRuns.blobsRemoved,
  log: registryGcRuns.log,
  error: registryGcRuns.error,
};

/** One page of runs, newest first, without their logs (the detail has it). */
export async function listGcRuns(page: number, pageSize: number): Promise<{ total: number; runs: GcRunView[] }> {
  const db = getDb();
  const [rows, [totals]] = await Promise.all([
    db
      .select(columns)
      .from(registryGcRuns)
      .leftJoin(users, eq(users.id, registryGcRuns.requestedById))
      .orderBy(desc(registryGcRuns.createdAt), desc(registryGcRuns.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(registryGcRuns),
  ]);
  return { total: totals?.n ?? 0, runs: rows.map((r) => ({ ...r, log: "" })) };
}

export async function getGcRun(id: string): Promise<GcRunView | null> {
  const [row] = await getDb()
    .select(columns)
    .from(registryGcRuns)
    .leftJoin(users, eq(users.id, registryGcRuns.requestedById))
    .where(eq(registryGcRuns.id, id))
    .limit(1);
  return row ?? null;
}

export type GcWindow = { since: string };

/**
 * The read-only window of a running collection, as the front door reads it on each write it
 * judges: cached in the process and emptied by the trigger of migration 0027 on every change.
 */
export function getGcWindowForRequests(): Promise<GcWindow | null> {
  return cachedAccess("gc-window", async () => {
    const [row] = await getDb()
      .select({ since: registryGcRuns.readOnlySince })
      .from(registryGcRuns)
      .where(
        and(
          eq(registryGcRuns.status, "running"),
          isNotNull(registryGcRuns.readOnlySince),
          isNull(registryGcRuns.readOnlyUntil),
        ),
      )
      .limit(1);
    return row?.since ? { since: row.since.toISOString() } : null;
  });
}
