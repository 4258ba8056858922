import { createHash } from "node:crypto";
import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { doorMayServeFromStorage, isRegistryWrite } from "@/lib/authz/rules/front-door";
import { indexPushedManifests } from "@/lib/jobs/index-maintenance";
import { CONSOLE_SUBJECT } from "@/lib/registry/subject";
import { MANIFEST_MEDIA_TYPES } from "@/lib/registry/types";
import { recordDoorWrite } from "@/lib/services/registry-event/record-door-write";
import { firstForwardedFor } from "@/lib/http/client-ip";
import { closeAfterAnswer } from "@/lib/runtime/node-fetch-adapter";
import { tokenGrants } from "@/lib/registry/token-verifier";
import { registryErrorBody, type RegistryError } from "@/lib/http/registry-errors";
import { serveBlobFromStorage } from "./blob-from-storage";
import { acceptsMediaType, manifestAnswerHeaders, readStoredManifest } from "./manifest-from-storage";
import { answerNotRecorded, createUpstream, passThrough, type Upstream } from "./pass-through";
import { checkManifestWrite, tokenOf, type ManifestRule } from "./manifest-rules";
import { createPullCounter, type PullCounter } from "./pull-counter";
import { checkPullRateLimit } from "./pull-rate-limit";
import { checkDoorRules } from "./rules";
import { ALLOWED_METHODS, parseRegistryPath, type RegistryRoute } from "./route";

/**
 * The front door: the console serves the distribution API at `/v2/` on its own address and passes
 * each request to the registry, which listens on loopback only. Being in the path lets the console
 * refuse what the registry cannot judge (malformed requests, read-only windows, rate limits;
 * protected tags and quotas plug in as manifest rules), and record every pull and manifest write it
 * serves before the client hears the answer.
 */
export type FrontDoorOptions = {
  registryUrl: string;
  /**
   * The filesystem storage of that registry, when the console runs it: blob and manifest GETs and
   * HEADs the registry would serve are answered from it (./blob-from-storage.ts,
   * ./manifest-from-storage.ts). Unset: every request is relayed.
   */
  registryStorageDir?: string;
  trustProxy: boolean;
  /** Rules that may refuse a manifest PUT or DELETE (the console's: immutable tags, ./immutable-tags.ts). */
  manifestRules?: readonly ManifestRule[];
  /**
   * Called (and awaited) before a write to a repository is passed on; a rejection refuses it. The
   * web server records the repository there, so an unclean stop is followed by its reconcile.
   */
  onWrite?: (repository: string) => Promise<void>;
};

/** Manifests larger than this are refused unread (the registry's own limit is 4 MiB too). */
export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

export function isRegistryPath(url: string): boolean {
  return url === "/v2" || url.startsWith("/v2/") || url.startsWith("/v2?");
}

export type FrontDoor = {
  serve: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  /** Connections to the registry in use now (a client that left must leave none behind). */
  busyUpstreamSockets: () => number;
  /**
   * Sends every request from now on to the registry at `url` (garbage collection's blue/green
   * switch); resolves once the requests still on the previous one have finished (at most
   * `drainMs`), so that one can be stopped without cutting a pull short.
   */
  switchUpstream: (url: string, drainMs?: number) => Promise<void>;
  close: () => void;
};

export function createFrontDoor(opts: FrontDoorOptions): FrontDoor {
  let upstream = createUpstream(opts.registryUrl);
  const pulls = createPullCounter();
  const busy = (up: Upstream) => Object.values(up.agent.sockets).reduce((n, list) => n + (list?.length ?? 0), 0);
  const busyUpstreamSockets = () => busy(upstream);
  return { serve, busyUpstreamSockets, switchUpstream, close: () => upstream.agent.destroy() };

  async function switchUpstream(url: string, drainMs = 30_000): Promise<void> {
    const previous = upstream;
    if (new URL(url).origin === previous.origin) return;
    upstream = createUpstream(url);
    const deadline = Date.now() + drainMs;
    while (busy(previous) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    previous.agent.destroy();
  }

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawUrl = req.url ?? "/";
    const q = rawUrl.indexOf("?");
    const route = parseRegistryPath(q < 0 ? rawUrl : rawUrl.slice(0, q));
    if ("problem" in route) return refuse(req, res, PROBLEMS[route.problem]);
    const method = req.method ?? "GET";
    const allowed = ALLOWED_METHODS[route.kind];
    if (!allowed.includes(method)) {
      return refuse(req, res, {
        status: 405,
        code: "UNSUPPORTED",
        message: `${method} is not supported on this endpoint`,
        headers: { allow: allowed.join(", ") },
      });
    }
    // Rules checked at the door before the registry is asked.
    const token = tokenOf(req);
    const refusal = await checkDoorRules(route, method, token);
    if (refusal) return refuse(req, res, refusal);
    // Only writes whose token names the repository: the registry refuses any other, and recording
    // those would let anonymous requests grow the list without bound.
    if (opts.onWrite && "name" in route && isRegistryWrite(method) && tokenGrants(token, route.name))
      await opts.onWrite(route.name);
    if (
      opts.registryStorageDir &&
      route.kind === "blob" &&
      (method === "GET" || method === "HEAD") &&
      doorMayServeFromStorage(token, route.name) &&
      (await serveBlobFromStorage(opts.registryStorageDir, req, res, route.name, route.digest))
    )
      return;
    let extraHeaders: Record<string, string> = {};
    if (route.kind === "manifest" && (method === "GET" || method === "HEAD")) {
      const limit = await checkPullRateLimit(req, route.name, token, clientAddress(req, opts.trustProxy));
      if (limit.refuse) return refuse(req, res, limit.refuse);
      extraHeaders = limit.headers;
      if (opts.registryStorageDir && doorMayServeFromStorage(token, route.name) && !req.headers["if-none-match"]) {
        const stored = readStoredManifest(opts.registryStorageDir, route.name, route.reference, route.byDigest);
        if (stored && acceptsMediaType(req.headers.accept, stored.mediaType)) {
          const record = recorder(pulls, route, method, {
            subject: token?.subject ?? null,
            client: clientOf(req, token),
          });
          return answerStored(req, res, manifestAnswerHeaders(stored), stored.body, extraHeaders, record);
        }
      }
    }
    let body: Buffer | undefined;
    if (route.kind === "manifest" && method === "PUT") {
      const read = await readManifest(req);
      if ("error" in read) return refuse(req, res, read.error);
      body = read.body;
    }
    const afterAnswer: Array<(status: number) => Promise<void> | void> = [];
    if (route.kind === "manifest" && (method === "PUT" || method === "DELETE") && opts.manifestRules?.length) {
      const refusal = await checkManifestWrite(opts.manifestRules, {
        method,
        repository: route.name,
        reference: route.reference,
        byDigest: route.byDigest,
        body,
        mediaType: req.headers["content-type"],
        digest: body ? `sha256:${createHash("sha256").update(body).digest("hex")}` : undefined,
        username: token?.subject || null,
        afterAnswer: (fn) => afterAnswer.push(fn),
        granted: tokenGrants(token, route.name),
      });
      if (refusal) return refuse(req, res, refusal);
    }
    const beforeAnswer =
      route.kind === "manifest"
        ? recorder(pulls, route, method, {
            subject: token?.subject ?? null,
            client: clientOf(req, token),
            body,
            mediaType: req.headers["content-type"],
            afterAnswer,
          })
        : undefined;
    passThrough(upstream, req, res, { trustProxy: opts.trustProxy, body, extraHeaders, beforeAnswer });
  }

  /** Who a pull is counted for and a HEAD's hint kept for: the token's account, else the address. */
  function clientOf(req: IncomingMessage, token: { subject: string } | null): string {
    return token?.subject || clientAddress(req, opts.trustProxy);
  }
}

/**
 * A manifest the door read from the registry's storage, answered as the registry would, once the
 * recorder has written down what the answer means (a pull is committed before it is served).
 */
async function answerStored(
  req: IncomingMessage,
  res: ServerResponse,
  headers: OutgoingHttpHeaders,
  body: Buffer,
  extraHeaders: Record<string, string>,
  record: ReturnType<typeof recorder>,
): Promise<void> {
  try {
    await record?.(200, { "docker-content-digest": String(headers["docker-content-digest"]) });
  } catch {
    return answerNotRecorded(res);
  }
  if (res.destroyed) return;
  res.writeHead(200, { ...headers, ...extraHeaders });
  res.end(req.method === "GET" ? body : undefined);
}

type ManifestRoute = Extract<RegistryRoute, { kind: "manifest" }>;

type RecorderFacts = {
  /** The account in the client's token; null for none. */
  subject: string | null;
  /** Who a pull is counted for (the account, else the address). */
  client: string;
  /** A PUT's manifest and its declared media type. */
  body?: Buffer;
  mediaType?: string;
  /** What the manifest rules asked to hear of a PUT's or DELETE's answer (./manifest-rules.ts). */
  afterAnswer?: ReadonlyArray<(status: number) => Promise<void> | void>;
};

/**
 * What the door writes down about a manifest request once the registry has answered, before the
 * client hears it: a GET served is a pull (the console's own reads are none), a HEAD by tag tells
 * which tag the client's next GET by digest resolves from, and an accepted PUT or DELETE moves the
 * index and queues its webhooks (lib/services/registry-event/record-door-write.ts).
 */
function recorder(
  pulls: PullCounter,
  route: ManifestRoute,
  method: string,
  { subject, client, body, mediaType, afterAnswer = [] }: RecorderFacts,
): ((status: number, headers: IncomingHttpHeaders) => Promise<void> | void) | undefined {
  const { name: repository, reference, byDigest } = route;
  if (method === "GET")
    return subject === CONSOLE_SUBJECT
      ? undefined
      : (status) => (status === 200 ? pulls.count({ repository, reference, byDigest }, client) : undefined);
  if (method === "HEAD")
    return byDigest
      ? undefined
      : (status, headers) => {
          const digest = headers["docker-content-digest"];
          if (status === 200 && typeof digest === "string") pulls.resolved(client, repository, reference, digest);
        };
  if (method !== "PUT" && method !== "DELETE") return undefined;
  return async (status, headers) => {
    for (const fn of afterAnswer) await Promise.resolve(fn(status)).catch(() => undefined);
    if (status !== (method === "PUT" ? 201 : 202)) return;
    const digest = headers["docker-content-digest"];
    const { pushed } = await recordDoorWrite({
      method,
      repository,
      reference,
      byDigest,
      digest: typeof digest === "string" ? digest : null,
      mediaType: method === "PUT" ? manifestMediaType(mediaType, body) : null,
      size: body?.length ?? null,
      actor: subject || null,
    });
    // Describing the image (sizes, platforms) calls the registry back: after the answer.
    void indexPushedManifests(pushed);
  };
}

/** The media type a pushed manifest declares: its Content-Type, else its own `mediaType` field. */
function manifestMediaType(contentType: string | undefined, body: Buffer | undefined): string | null {
  const declared = contentType?.split(";")[0]?.trim();
  if (declared && MANIFEST_MEDIA_TYPES.has(declared)) return declared;
  try {
    const field = (JSON.parse(body?.toString("utf8") ?? "") as { mediaType?: unknown }).mediaType;
    return typeof field === "string" ? field : null;
  } catch {
    return null;
  }
}

const PROBLEMS: Record<"name-invalid" | "digest-invalid" | "tag-invalid" | "unknown-path", RegistryError> = {
  "name-invalid": { status: 400, code: "NAME_INVALID", message: "invalid repository name" },
  "digest-invalid": { status: 400, code: "DIGEST_INVALID", message: "invalid digest" },
  "tag-invalid": { status: 400, code: "MANIFEST_INVALID", message: "invalid tag" },
  "unknown-path": { status: 404, code: "UNSUPPORTED", message: "no such endpoint in the distribution API" },
};

/**
 * The client's address: the socket's peer, or behind a proxy of ours (TRUST_PROXY) the first
 * X-Forwarded-For entry, which only that proxy can be trusted to have set.
 */
function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = trustProxy ? firstForwardedFor(req.headers["x-forwarded-for"]) : "";
  return forwarded || req.socket.remoteAddress || "unknown";
}

function refuse(req: IncomingMessage, res: ServerResponse, err: RegistryError): void {
  if (res.headersSent || res.destroyed) return;
  // A body the door did not read is not read now: the connection closes after the answer.
  if (!req.complete) closeAfterAnswer(req);
  res.writeHead(err.status, {
    "content-type": "application/json",
    "docker-distribution-api-version": "registry/2.0",
    ...(req.complete ? {} : { connection: "close" }),
    ...err.headers,
  });
  res.end(registryErrorBody(err.code, err.message));
}

/** A manifest body, read whole (the rules that judge a push need it) but never past the limit. */
async function readManifest(req: IncomingMessage): Promise<{ body: Buffer } | { error: RegistryError }> {
  const tooLarge: RegistryError = {
    status: 413,
    code: "SIZE_INVALID",
    message: `manifest larger than ${MAX_MANIFEST_BYTES / 1024 / 1024} MiB`,
  };
  if (Number(req.headers["content-length"] ?? 0) > MAX_MANIFEST_BYTES) return { error: tooLarge };
  // Listeners, not `for await`: leaving that loop early destroys the socket, and the client would
  // see a reset instead of the 413.
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_MANIFEST_BYTES) return void chunks.push(chunk);
      req.off("data", onData).off("end", onEnd);
      resolve({ error: tooLarge });
    };
    const onEnd = () => resolve({ body: Buffer.concat(chunks) });
    req
      .on("data", onData)
      .once("end", onEnd)
      .once("error", () => resolve({ error: tooLarge }));
  });
}
