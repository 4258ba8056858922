/**
 * The console's HTTP server (started by scripts/console.ts with the app's environment): Next.js
 * serves the website, the JSON API and everything else, while the two endpoints the registry and
 * docker clients hit on every pull and push — the token service and the notification endpoint —
 * are dispatched to their route modules directly.
 *
 * Why: profiling the token endpoint under load (bench/token-service.ts) showed Next's request
 * pipeline (router, web-stream body plumbing, route-module wrapping) costing ~1.7 ms of CPU per
 * request, 20× the ES256 signature itself. The route modules are the same ones Next serves under
 * `next dev`; only the dispatch differs.
 */
import http from "node:http";
import next from "next";
import * as registryEvents from "@/app/api/registry/events/route";
import * as registryToken from "@/app/api/registry/token/route";
import { getEnv } from "@/lib/env";
import { nonDocumentHeaders } from "@/lib/http/security-headers";
import { createFrontDoor, isRegistryPath } from "@/lib/front-door/door";
import { storageQuotaRule } from "@/lib/front-door/storage-quota";
import { immutableTagsRule } from "@/lib/front-door/immutable-tags";
import { trustsProxy } from "@/lib/http/client-ip";
import { isDatabaseUnavailable } from "@/lib/http/errors";
import { endConsoleRun, startConsoleRun } from "@/lib/jobs/console-run";
import { startRegistryGc } from "@/lib/jobs/registry-gc";
import { registryMaintenanceChannel } from "@/lib/runtime/registry-maintenance-client";
import { touchRepository } from "@/lib/services/console-run/touch-repository";
import { registryErrorBody } from "@/lib/http/registry-errors";
import { closeAfterAnswer, serveFetchHandler, type FetchHandler } from "@/lib/runtime/node-fetch-adapter";
import { cutOffSlowBodies } from "@/lib/runtime/slow-body";

const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST ?? "127.0.0.1";

const direct: Record<string, Partial<Record<string, FetchHandler>>> = {
  "/api/registry/token": { GET: registryToken.GET, POST: registryToken.POST },
  "/api/registry/events": { POST: registryEvents.POST },
};

const env = getEnv();
const directHeaders = nonDocumentHeaders({ hstsMaxAge: env.HSTS_MAX_AGE });
// The distribution API on the console's own address (lib/front-door): `docker login <console host>`.
const frontDoor = createFrontDoor({
  registryUrl: env.REGISTRY_URL,
  registryStorageDir: env.FRONT_DOOR_STORAGE_DIR,
  trustProxy: trustsProxy(),
  // Refused before the registry sees them: pushes that would move an immutable tag and deletes of
  // one, then pushes past the namespace's storage quota (last: it reserves what it lets through).
  manifestRules: [
    immutableTagsRule({ registryStorageDir: env.FRONT_DOOR_STORAGE_DIR }),
    storageQuotaRule(env.FRONT_DOOR_STORAGE_DIR),
  ],
  // Recorded before the registry sees the write, for the reconcile after an unclean stop.
  onWrite: touchRepository,
});

// The outer bound of a body Next is handed: its proxy step reads a whole body (up to 10 MB) before
// any route's own limit (lib/http/read-body.ts) runs, so a declared length past the largest body
// anything behind Next accepts (server actions: 2 MB, next.config.ts) is refused unread.
const MAX_NEXT_BODY_BYTES = 2 * 1024 * 1024;

const app = next({ dev: false, dir: process.cwd(), hostname, port });
await app.prepare();
const handleWithNext = app.getRequestHandler();

const server = http.createServer((req, res) => {
  const url = req.url ?? "/";
  cutOffSlowBodies(req);
  if (isRegistryPath(url)) {
    return void frontDoor.serve(req, res).catch((err: unknown) => {
      logFailure("front door failed", err);
      // A rule could not read the database (restarting, unreachable): "try again", as registries say it.
      const down = isDatabaseUnavailable(err);
      if (!res.headersSent)
        res.writeHead(down ? 503 : 500, {
          "content-type": "application/json",
          ...(down ? { "retry-after": "2" } : {}),
        });
      res.end(
        down
          ? registryErrorBody(
              "UNAVAILABLE",
              "The console's database is not reachable right now. Try again in a moment.",
            )
          : registryErrorBody("UNKNOWN", "internal error"),
      );
    });
  }
  const q = url.indexOf("?");
  const handler = direct[q < 0 ? url : url.slice(0, q)]?.[req.method ?? "GET"];
  if (!handler) {
    if (Number(req.headers["content-length"] ?? 0) > MAX_NEXT_BODY_BYTES) {
      for (const [k, v] of directHeaders) res.setHeader(k, v);
      // Refused unread, so closed with a linger: a plain close would reset the connection under a
      // client still sending, and it could lose this answer (seen as EPIPE in a test run).
      closeAfterAnswer(req);
      res.writeHead(413, { "content-type": "application/json", connection: "close" });
      return void res.end(
        JSON.stringify({
          error: {
            code: "PAYLOAD_TOO_LARGE",
            message: "The body is larger than 2 MB",
            details: { limitBytes: MAX_NEXT_BODY_BYTES },
          },
        }),
      );
    }
    return void handleWithNext(req, res);
  }
  // What proxy.ts gives every other response (these two never pass through it).
  for (const [k, v] of directHeaders) res.setHeader(k, v);
  serveFetchHandler(handler, req, res).catch((err: unknown) => {
    // The route handlers map their own errors; this is only a broken socket or a bug in the adapter.
    logFailure("direct route failed", err);
    if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: { code: "INTERNAL", message: "internal error" } }));
  });
});
function logFailure(msg: string, err: unknown): void {
  const e = err instanceof Error ? err.message : String(err);
  console.error(JSON.stringify({ t: new Date().toISOString(), level: "error", msg, err: e }));
}

// Slow clients must not pin sockets forever; docker keeps connections alive between requests.
server.keepAliveTimeout = 65_000;
// No cap on a whole request's time (Node's default is 5 minutes): a 2 GB layer upload on a slow
// line takes longer. A body that stalls is cut off instead (cutOffSlowBodies).
server.requestTimeout = 0;

// Set before the reconcile below, so a stop during it is a clean one too.
for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.on(sig, () => {
    server.close();
    // A clean stop: no reconcile on this run's account at the next start.
    void endConsoleRun()
      .catch((err: unknown) => logFailure("could not record the clean stop", err))
      .finally(() => app.close())
      .finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 5000).unref();
  });
}

// Before listening: after an unclean stop, repositories written to since the last clean stop are
// reconciled first, so the console is ready only once its index has caught up. Each step tells the
// console (scripts/console.ts, over IPC) that start-up is progressing, not hung; a send on a closed
// channel (the console is gone) would throw, hence the check.
await startConsoleRun({
  log: (msg) => console.log(`[web] ${msg}`),
  step: () => void (process.connected && process.send?.("starting")),
});
server.listen(port, hostname, () => console.log(`[web] listening on http://${hostname}:${port}`));

// Garbage collection, on a console that runs its registry: queued runs are claimed here, and the
// registry steps are asked of the start command, which owns the registry process (lib/jobs/registry-gc.ts).
const askConsole = registryMaintenanceChannel();
if (askConsole && env.FRONT_DOOR_STORAGE_DIR)
  startRegistryGc({ registryUrl: env.REGISTRY_URL, switchUpstream: frontDoor.switchUpstream, ask: askConsole });
