import "server-only";
import { logger } from "@/lib/logger";
import { repeatInBackground } from "./repeat";
import { claimPendingDeletion } from "@/lib/services/repository/claim-pending-deletion";
import { purgeRepository } from "@/lib/services/repository/purge";

/** Finishes deletions that the registry interrupted; returns how many completed. */
export async function resumePendingDeletions(max = 20): Promise<number> {
  let done = 0;
  for (let i = 0; i < max; i++) {
    const next = await claimPendingDeletion();
    if (!next) break;
    try {
      await purgeRepository(next);
      done += 1;
      logger.info("resumed repository deletion", { repository: next.path });
    } catch (err) {
      // Still unreachable: the lease expires and a later round tries again.
      logger.warn("repository deletion still pending", {
        repository: next.path,
        error: err instanceof Error ? err.message : String(err),
      });
      break;
    }
  }
  return done;
}

/** Runs resumePendingDeletions every `seconds` in this server process (started from instrumentation.ts). */
export function startDeletionResumer(seconds: number): void {
  repeatInBackground("deletion resumer", resumePendingDeletions, seconds * 1000);
}
