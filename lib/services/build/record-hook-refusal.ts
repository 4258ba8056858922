import "server-only";
import type { BuildHookRefusal } from "@/lib/authz/build-hook";
import type { HookSource } from "@/lib/builds/hooks";
import { RateLimitedError } from "@/lib/errors";
import { UNKNOWN_IP } from "@/lib/http/client-ip";
import { logger } from "@/lib/logger";
import { recordAudit } from "@/lib/services/audit-event/record";
import { takeSlots } from "@/lib/services/rate-limit/consume";
import { limits } from "@/lib/services/rate-limit/limits";

export type HookRefusalEntry = {
  namespace: string;
  name: string;
  namespaceId: string | null;
  reason: BuildHookRefusal;
  source: HookSource;
  ip: string;
};

/**
 * Writes a refused build webhook call to the audit log (`build_trigger_refused`, in the
 * repository's namespace when there is one), at most as often as the limits allow
 * (lib/services/rate-limit/limits.ts): a stream of forged calls fills a bucket, not the log.
 */
export async function recordHookRefusal(entry: HookRefusalEntry): Promise<void> {
  const path = `${entry.namespace}/${entry.name}`.slice(0, 300);
  try {
    await takeSlots([
      entry.namespaceId ? limits.buildHookRefusals(path) : limits.buildHookUnknownRefusals(),
      limits.buildHookRefusalsAddress(entry.ip),
    ]);
  } catch (err) {
    if (err instanceof RateLimitedError) return;
    throw err;
  }
  try {
    await recordAudit({
      actorId: null,
      namespaceId: entry.namespaceId,
      action: "build_trigger_refused",
      target: path,
      metadata: { reason: entry.reason, source: entry.source },
      ip: entry.ip === UNKNOWN_IP ? null : entry.ip,
    });
  } catch (err) {
    // The caller is refused whether or not the record could be written.
    logger.error("build trigger refusal not recorded", err);
  }
}
