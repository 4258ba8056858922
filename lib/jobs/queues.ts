import "server-only";
import { getEnv } from "@/lib/env";
import { sendQueuedEmail } from "@/lib/services/notification/send-email";
import { deliverWebhook } from "@/lib/services/webhook-delivery/deliver";
import { executeRetentionRun } from "@/lib/services/retention-run/execute";
import { executeBuild } from "@/lib/services/build/execute";
import type { QueueConfig } from "./worker";
import type { JobQueue } from "@/lib/services/job/types";

/** Every queue this console works on, with its handler, parallelism and lease. */
export function jobQueues(): Partial<Record<JobQueue, QueueConfig>> {
  const env = getEnv();
  return {
    email: { handler: sendQueuedEmail, concurrency: 4, leaseSeconds: 120 },
    // The lease outlives the request timeout, so a slow receiver is never sent the same delivery twice at once.
    "webhook-delivery": {
      handler: deliverWebhook,
      concurrency: 8,
      leaseSeconds: Math.ceil(getEnv().WEBHOOK_TIMEOUT_MS / 1000) + 30,
    },
    // Tag retention runs: one at a time per process (a run may delete thousands of manifests);
    // leased long, since a run taken over while alive would be marked interrupted.
    "retention-run": {
      handler: async (job) => {
        await executeRetentionRun(String(job.payload.runId));
        return { kind: "done" };
      },
      concurrency: 1,
      leaseSeconds: 3600,
    },
    // Automated builds: BUILD_CONCURRENCY at once (0: this console runs none). Leased past the
    // build timeout, so a job is taken over (and its build marked interrupted) only once its
    // console is surely gone.
    ...(env.BUILD_CONCURRENCY > 0
      ? {
          build: {
            handler: async (job) => {
              await executeBuild(String(job.payload.buildId), job.lockedBy);
              return { kind: "done" as const };
            },
            concurrency: env.BUILD_CONCURRENCY,
            leaseSeconds: Math.ceil(env.BUILD_TIMEOUT_MINUTES * 60) + 600,
          },
        }
      : {}),
  };
}
