/** Minimal structured logger: one JSON line per entry so logs stay greppable in CI and production. */
type Level = "debug" | "info" | "warn" | "error";

function write(level: Level, msg: string, extra?: unknown) {
  if (level === "debug" && process.env.LOG_LEVEL !== "debug") return;
  const entry: Record<string, unknown> = { t: new Date().toISOString(), level, msg };
  if (extra instanceof Error) entry.err = { name: extra.name, message: extra.message, stack: extra.stack };
  else if (extra !== undefined) entry.extra = extra;
  const line = JSON.stringify(entry);
  if (level === "error" || level === "warn") console.error(line);
  else console.log(line);
}

export const logger = {
  debug: (msg: string, extra?: unknown) => write("debug", msg, extra),
  info: (msg: string, extra?: unknown) => write("info", msg, extra),
  warn: (msg: string, extra?: unknown) => write("warn", msg, extra),
  error: (msg: string, extra?: unknown) => write("error", msg, extra),
};
