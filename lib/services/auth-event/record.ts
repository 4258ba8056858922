import "server-only";
import { getDb } from "@/db";
import { authEvents } from "@/db/schema";

/** Appends a security event (failed registry login, token refused, …) for the audit log. */
export async function recordAuthEvent(input: { userId: string | null; kind: string; detail?: string; ipAddress?: string | null }): Promise<void> {
  await getDb()
    .insert(authEvents)
    .values({ userId: input.userId, kind: input.kind, detail: input.detail?.slice(0, 500) ?? null, ipAddress: input.ipAddress ?? null });
}
