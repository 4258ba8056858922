import "server-only";
import { and, eq, gt, inArray, isNull, lte, sql } from "drizzle-orm";
import { transaction } from "@/db";
import { personalAccessTokens, users } from "@/db/schema";
import { formatDate } from "@/lib/format";
import { notify } from "./notify";

export const EXPIRY_NOTICE_DAYS = 7;
const BATCH = 500;

/**
 * One batch: picks active tokens expiring within 7 days that were never announced, stamps them
 * and notifies their owners, all in one transaction. `SKIP LOCKED` lets two console processes
 * (or two overlapping sweeps) run side by side without announcing a token twice.
 */
async function notifyBatch(): Promise<number> {
  return transaction(async (tx) => {
    const due = await tx
      .select({
        id: personalAccessTokens.id,
        userId: personalAccessTokens.userId,
        description: personalAccessTokens.description,
        expiresAt: personalAccessTokens.expiresAt,
      })
      .from(personalAccessTokens)
      // Deactivated accounts are left out: their tokens no longer work and nobody would read the notice.
      .innerJoin(users, and(eq(users.id, personalAccessTokens.userId), isNull(users.deactivatedAt)))
      .where(
        and(
          isNull(personalAccessTokens.deactivatedAt),
          isNull(personalAccessTokens.expiryNotifiedAt),
          gt(personalAccessTokens.expiresAt, sql`now()`),
          lte(personalAccessTokens.expiresAt, sql`now() + make_interval(days => ${EXPIRY_NOTICE_DAYS})`),
        ),
      )
      .orderBy(personalAccessTokens.expiresAt)
      .limit(BATCH)
      .for("update", { of: personalAccessTokens, skipLocked: true });
    if (due.length === 0) return 0;
    await tx
      .update(personalAccessTokens)
      .set({ expiryNotifiedAt: sql`now()` })
      .where(
        inArray(
          personalAccessTokens.id,
          due.map((t) => t.id),
        ),
      );
    await notify(
      tx,
      due.map((t) => ({
        userId: t.userId,
        kind: "token_expiring" as const,
        title: `Your token "${t.description}" expires on ${formatDate(t.expiresAt!)}`,
        body: `Your personal access token "${t.description}" expires on ${formatDate(t.expiresAt!)}. After that, docker logins, CI jobs and API calls that use it will fail: create a new token and replace it before then.`,
        link: "/settings/tokens",
      })),
    );
    return due.length;
  });
}

/** Announces every token that entered its last 7 days since the previous sweep; returns how many. */
export async function notifyExpiringTokens(): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await notifyBatch();
    total += n;
    if (n < BATCH) return total;
  }
}
