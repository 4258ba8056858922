/**
 * The "jobs were just enqueued" signal between the services that enqueue (lib/services/job/
 * enqueue.ts, as an after-commit hook) and the job worker (lib/jobs/worker.ts), which listens.
 * No imports, so services can signal without depending on the worker (which imports services).
 *
 * The listener is kept on globalThis: the worker runs in Next's bundle (started from
 * instrumentation.ts) while route modules the web server loads directly are a separate module
 * copy in the same process, and their enqueues must wake that one worker.
 */
const holder = globalThis as unknown as { __jobWorkerWake?: () => void };

/** Makes the worker of this process (if it runs) look for jobs now instead of at its next poll. */
export function wakeJobWorker(): void {
  holder.__jobWorkerWake?.();
}

/** Called by the worker when it starts: `wake` is what wakeJobWorker() calls from then on. */
export function onJobWorkerWake(wake: () => void): void {
  holder.__jobWorkerWake = wake;
}
