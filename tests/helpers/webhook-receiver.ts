import http from "node:http";
import type { AddressInfo } from "node:net";

export type ReceivedRequest = { path: string; headers: http.IncomingHttpHeaders; body: string; at: number };
/** A response plan per path: each request takes the next status (the last one repeats); "hang" never answers. */
export type Plan = Array<number | "hang">;

/**
 * A real HTTP server standing in for a webhook receiver: records every request and answers each
 * path by its plan (default 200).
 */
export async function startWebhookReceiver() {
  const received: ReceivedRequest[] = [];
  const plans = new Map<string, Plan>();
  const counts = new Map<string, number>();
  const hanging = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const path = req.url ?? "/";
      received.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString("utf8"), at: Date.now() });
      const n = counts.get(path) ?? 0;
      counts.set(path, n + 1);
      const plan = plans.get(path) ?? [200];
      const step = plan[Math.min(n, plan.length - 1)]!;
      if (step === "hang") {
        hanging.add(res);
        return;
      }
      res.writeHead(step, { "Content-Type": "text/plain" }).end(step >= 400 ? `receiver says ${step}` : "thanks");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    port,
    plan: (path: string, plan: Plan) => plans.set(path, plan),
    requests: (path: string) => received.filter((r) => r.path === path),
    /** Resolves once `path` has had `n` requests (or rejects after timeoutMs). */
    async waitFor(path: string, n: number, timeoutMs = 15_000): Promise<ReceivedRequest[]> {
      const deadline = Date.now() + timeoutMs;
      while (received.filter((r) => r.path === path).length < n) {
        if (Date.now() > deadline)
          throw new Error(`receiver: ${path} got ${received.filter((r) => r.path === path).length} of ${n} requests`);
        await new Promise((r) => setTimeout(r, 50));
      }
      return received.filter((r) => r.path === path);
    },
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
