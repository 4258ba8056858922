/** Shapes of the distribution registry's HTTP API (OCI distribution spec) that the console reads. */

export type RegistryErrorBody = { errors?: Array<{ code?: string; message?: string; detail?: unknown }> };

export type CatalogPage = { repositories: string[]; next: string | null };

export type TagsPage = { name: string; tags: string[]; next: string | null };

export type PingResult = { ok: true; latencyMs: number; apiVersion: string | null };
