import {
  isMaintenanceReply,
  type MaintenanceOp,
  type MaintenanceReply,
  type MaintenanceRequest,
} from "./registry-maintenance-protocol";

type Ok = Extract<MaintenanceReply, { ok: true }>;

/**
 * The web server's side of the maintenance channel (./registry-maintenance-protocol.ts): asks the
 * start command, its parent, for one registry step and waits for the answer. Null when there is no
 * parent to ask (the web server was started on its own, or by `next start`).
 */
export function registryMaintenanceChannel(): ((op: MaintenanceOp, timeoutMs?: number) => Promise<Ok>) | null {
  if (!process.send || !process.connected) return null;
  let nextId = 1;
  const waiting = new Map<number, { resolve: (r: Ok) => void; reject: (e: Error) => void }>();
  process.on("message", (m: unknown) => {
    if (!isMaintenanceReply(m)) return;
    const w = waiting.get(m.id);
    if (!w) return;
    waiting.delete(m.id);
    if (m.ok) w.resolve(m);
    else w.reject(new Error(m.error));
  });
  // A sweep takes as long as the registry is big; a registry start, seconds.
  return (op, timeoutMs = op === "collect" ? 12 * 3600_000 : 2 * 60_000) =>
    new Promise<Ok>((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => {
        waiting.delete(id);
        reject(new Error(`no answer from the console to "${op}" within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      waiting.set(id, {
        resolve: (r) => (clearTimeout(timer), resolve(r)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      });
      const request: MaintenanceRequest = { type: "registry-maintenance", id, op };
      if (!process.connected || !process.send?.(request)) {
        waiting.delete(id);
        clearTimeout(timer);
        reject(new Error("the console (the registry's owner) is not reachable"));
      }
    });
}
