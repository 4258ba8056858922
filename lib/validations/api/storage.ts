import { z } from "zod";

const bytes = (what: string) => z.number().int().nullable().describe(`${what}; null while \`calculating\``);

/** Storage figures as the API answers them (lib/data/storage.ts). */
export const storageResource = z.object({
  unique_bytes: bytes(
    "Bytes stored: every distinct manifest, config and layer the tags reach, each counted once however many tags share it",
  ),
  tagged_bytes: bytes(
    "Each tag's full image (manifests, configs, layers) summed over the tags: the size without sharing",
  ),
  pending_tags: z
    .number()
    .int()
    .describe("Tags whose image the console has not described yet (moments after a push); the figures leave them out"),
  calculating: z
    .boolean()
    .describe("True while tags are pending or changes are not yet counted; the byte figures are then null"),
});

export const namespaceStorageResource = storageResource.extend({
  namespace: z.string(),
  kind: z.enum(["user", "org"]),
});

export const siteStorageResource = storageResource.extend({
  described_bytes: z.number().int().describe("Every manifest and blob the console has described, each once"),
  reclaimable_bytes: bytes(
    "Described bytes no tag reaches any more: untagged or deleted images whose blobs garbage collection can free",
  ),
});
