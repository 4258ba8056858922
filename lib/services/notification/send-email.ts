import "server-only";
import { sendMail } from "@/lib/mail/send";
import { backoffMs, type ClaimedJob, type JobOutcome } from "@/lib/services/job/types";

/** The `email` queue's handler: one message over SMTP; a refusal or an outage is retried with backoff. */
export async function sendQueuedEmail(job: ClaimedJob): Promise<JobOutcome> {
  const { to, subject, text, html } = job.payload as { to: string; subject: string; text: string; html: string };
  try {
    await sendMail({ to, subject, text, html });
    return { kind: "done" };
  } catch (err) {
    return {
      kind: "retry",
      delayMs: backoffMs(30_000, job.attempts),
      error: err instanceof Error ? err.message : String(err),
    };
  }
}
