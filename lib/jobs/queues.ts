import "server-only";
import { sendQueuedEmail } from "@/lib/services/notification/send-email";
import type { QueueConfig } from "./worker";
import type { JobQueue } from "@/lib/services/job/types";

/** Every queue this console works on, with its handler, parallelism and lease. */
export function jobQueues(): Partial<Record<JobQueue, QueueConfig>> {
  return {
    email: { handler: sendQueuedEmail, concurrency: 4, leaseSeconds: 120 },
  };
}
