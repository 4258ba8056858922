import "server-only";
import { logger } from "@/lib/logger";

const timers = globalThis as unknown as { __repeating?: Map<string, NodeJS.Timeout> };

/**
 * Runs `task` in this server process after `firstDelayMs`, then `intervalMs` after each run ends
 * (never two runs at once). Once per `name`, however often Next loads the module. A failure is
 * logged and the next run comes as usual: these loops must never bring the console down.
 */
export function repeatInBackground(
  name: string,
  task: () => Promise<unknown>,
  intervalMs: number,
  firstDelayMs = intervalMs,
): void {
  const all = (timers.__repeating ??= new Map());
  if (all.has(name)) return;
  const schedule = (ms: number) => {
    const t = setTimeout(
      () =>
        void task()
          .catch((err: unknown) => logger.error(`${name} failed`, err))
          .finally(() => schedule(intervalMs)),
      ms,
    );
    t.unref();
    all.set(name, t);
  };
  schedule(firstDelayMs);
}
