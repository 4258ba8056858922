import { ForbiddenError, NotFoundError, RegistryApiError, RegistryUnavailableError } from "@/lib/errors";
import type { AccessEntry } from "./token-signer";
import { DigestCache } from "./digest-cache";
import {
  MANIFEST_ACCEPT,
  MEDIA_TYPES,
  type CatalogPage,
  type ImageConfig,
  type ManifestResult,
  type PingResult,
  type RegistryErrorBody,
  type TagsPage,
} from "./types";

/**
 * Returns a bearer token granting `access`, issued to `subject` (default: the console itself). The
 * console mints its own; tests may inject one.
 */
export type Authorize = (access: AccessEntry[], subject?: string) => string | Promise<string>;

export type RegistryClientOptions = { baseUrl: string | (() => string); timeoutMs: number; authorize: Authorize };

const NOT_FOUND_CODES = new Set(["NAME_UNKNOWN", "MANIFEST_UNKNOWN", "BLOB_UNKNOWN", "TAG_INVALID"]);

/**
 * Typed client of the registry HTTP API. The only code in the console that speaks it. Every
 * failure becomes a typed error: unreachable/timeouts/5xx → RegistryUnavailableError, unknown
 * names → NotFoundError, denials → ForbiddenError, anything else → RegistryApiError.
 */
export class RegistryClient {
  // Content addressed by digest never changes: manifests and configs are cached by digest.
  private readonly manifests = new DigestCache<ManifestResult>(2000);
  private readonly configs = new DigestCache<ImageConfig>(2000);

  constructor(private readonly opts: RegistryClientOptions) {}

  /** `GET /v2/` with a token carrying no access: proves the registry is up and trusts our tokens. */
  async ping(): Promise<PingResult> {
    const started = performance.now();
    const res = await this.request("/v2/", []);
    return {
      ok: true,
      latencyMs: performance.now() - started,
      apiVersion: res.headers.get("docker-distribution-api-version"),
    };
  }

  /** One page of `_catalog`. `next` is the `last` value for the following page, from the Link header. */
  async catalog(page: { n?: number; last?: string } = {}): Promise<CatalogPage> {
    const res = await this.request(withPaging("/v2/_catalog", page), [
      { type: "registry", name: "catalog", actions: ["*"] },
    ]);
    const body = (await res.json()) as { repositories?: string[] };
    return { repositories: body.repositories ?? [], next: nextFromLink(res.headers.get("link")) };
  }

  /**
   * One page of a repository's tags. Registry 2.8.2 ignores `n`/`last` and returns every tag,
   * unsorted, without a Link header; newer registries page. Both are handled: `next` is null when
   * there is no Link header.
   */
  async tags(repository: string, page: { n?: number; last?: string } = {}): Promise<TagsPage> {
    const res = await this.request(withPaging(`/v2/${repository}/tags/list`, page), [
      { type: "repository", name: repository, actions: ["pull"] },
    ]);
    const body = (await res.json()) as { name?: string; tags?: string[] | null };
    return { name: body.name ?? repository, tags: body.tags ?? [], next: nextFromLink(res.headers.get("link")) };
  }

  /** Every tag of a repository, following Link headers where the registry pages. */
  async allTags(repository: string): Promise<string[]> {
    const out: string[] = [];
    let last: string | undefined;
    for (let i = 0; i < 10_000; i++) {
      const page = await this.tags(repository, { n: 1000, last });
      out.push(...page.tags);
      if (!page.next || page.next === last) break;
      last = page.next;
    }
    return out;
  }

  /** A manifest or index by tag or digest, with its digest as the registry computes it. */
  async getManifest(repository: string, reference: string): Promise<ManifestResult> {
    const cached = reference.startsWith("sha256:") ? this.manifests.get(reference) : undefined;
    if (cached) return cached;
    const res = await this.request(`/v2/${repository}/manifests/${reference}`, [pull(repository)], {
      headers: { Accept: MANIFEST_ACCEPT },
    });
    const bytes = new Uint8Array(await res.arrayBuffer());
    const digest = res.headers.get("docker-content-digest") ?? (await sha256Digest(bytes));
    const parsed = JSON.parse(new TextDecoder().decode(bytes)) as { mediaType?: string; manifests?: unknown };
    const mediaType = parsed.mediaType ?? res.headers.get("content-type") ?? MEDIA_TYPES.ociManifest;
    const result = (
      Array.isArray(parsed.manifests)
        ? { kind: "index", digest, mediaType, bytes, manifest: parsed }
        : { kind: "image", digest, mediaType, bytes, manifest: parsed }
    ) as ManifestResult;
    this.manifests.set(digest, result);
    return result;
  }

  /** `HEAD` a manifest: its digest, media type and size without the body; null when it does not exist. */
  async headManifest(
    repository: string,
    reference: string,
  ): Promise<{ digest: string; mediaType: string; size: number } | null> {
    try {
      const res = await this.request(`/v2/${repository}/manifests/${reference}`, [pull(repository)], {
        method: "HEAD",
        headers: { Accept: MANIFEST_ACCEPT },
      });
      return {
        digest: res.headers.get("docker-content-digest") ?? "",
        mediaType: res.headers.get("content-type") ?? "",
        size: Number(res.headers.get("content-length") ?? 0),
      };
    } catch (err) {
      if (err instanceof NotFoundError) return null;
      throw err;
    }
  }

  /** An image's config blob (history, env, entrypoint…). */
  async getConfig(repository: string, digest: string): Promise<ImageConfig> {
    const cached = this.configs.get(digest);
    if (cached) return cached;
    const res = await this.request(`/v2/${repository}/blobs/${digest}`, [pull(repository)], { redirect: "follow" });
    const config = (await res.json()) as ImageConfig;
    this.configs.set(digest, config);
    return config;
  }

  /**
   * Deletes a manifest by digest; the registry then drops every tag pointing at it. Deleting by tag
   * is refused by the registry (DIGEST_INVALID), so callers resolve tags to digests first.
   */
  async deleteManifest(repository: string, digest: string, opts: { onBehalfOf?: string } = {}): Promise<void> {
    await this.request(
      `/v2/${repository}/manifests/${digest}`,
      [{ type: "repository", name: repository, actions: ["delete"] }],
      { method: "DELETE" },
      opts.onBehalfOf,
    );
  }

  // `subject` names who the registry's notification events will say acted (deletes a user asked for).
  private async request(
    path: string,
    access: AccessEntry[],
    init: RequestInit = {},
    subject?: string,
  ): Promise<Response> {
    const token = await this.opts.authorize(access, subject);
    let res: Response;
    try {
      res = await fetch(
        new URL(path, typeof this.opts.baseUrl === "string" ? this.opts.baseUrl : this.opts.baseUrl()),
        {
          ...init,
          headers: { ...(init.headers as Record<string, string> | undefined), Authorization: `Bearer ${token}` },
          signal: AbortSignal.timeout(this.opts.timeoutMs),
          redirect: init.redirect ?? "manual",
        },
      );
    } catch (err) {
      throw new RegistryUnavailableError(undefined, { cause: describe(err) });
    }
    if (res.ok) return res;
    throw await toError(res);
  }
}

const pull = (repository: string): AccessEntry => ({ type: "repository", name: repository, actions: ["pull"] });

async function sha256Digest(bytes: Uint8Array): Promise<string> {
  const hash = await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
  return `sha256:${Buffer.from(hash).toString("hex")}`;
}

function withPaging(path: string, page: { n?: number; last?: string }): string {
  const q = new URLSearchParams();
  if (page.n) q.set("n", String(page.n));
  if (page.last) q.set("last", page.last);
  const qs = q.toString();
  return qs ? `${path}?${qs}` : path;
}

/** `Link: </v2/_catalog?last=b&n=100>; rel="next"` → "b". */
export function nextFromLink(link: string | null): string | null {
  if (!link) return null;
  const match = /<([^>]+)>\s*;\s*rel="?next"?/.exec(link);
  if (!match) return null;
  return new URL(match[1]!, "http://registry.invalid").searchParams.get("last");
}

async function toError(res: Response): Promise<Error> {
  if (res.status >= 500) return new RegistryUnavailableError(undefined, { status: res.status });
  let body: RegistryErrorBody = {};
  try {
    body = (await res.json()) as RegistryErrorBody;
  } catch {
    // Some errors (HEAD, proxies) carry no JSON body; the status alone decides.
  }
  const first = body.errors?.[0];
  const code = first?.code ?? `HTTP_${res.status}`;
  const details = { status: res.status, registryCode: code, registryMessage: first?.message };
  if (res.status === 404 || NOT_FOUND_CODES.has(code)) return new NotFoundError("Not found in the registry", details);
  if (res.status === 401 || res.status === 403) return new ForbiddenError("The registry refused the request", details);
  return new RegistryApiError(first?.message ?? `Registry answered ${res.status}`, details);
}

function describe(err: unknown): string {
  if (err instanceof Error) return err.cause instanceof Error ? `${err.message}: ${err.cause.message}` : err.message;
  return String(err);
}
