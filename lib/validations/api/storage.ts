import { z } from "zod";
import { namespaceQuotaSettingSchema } from "@/lib/validations/namespace-quota";
import { tagNameSchema } from "@/lib/validations/tag-list";

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

const quotaSetting = z
  .union([z.literal("site_default"), z.literal("unlimited"), z.number().int()])
  .describe(
    'The namespace\'s own quota as a site operator set it: "site_default" (the site-wide default applies), "unlimited", or bytes',
  );

export const namespaceStorageResource = storageResource.extend({
  namespace: z.string(),
  kind: z.enum(["user", "org"]),
  quota_bytes: z
    .number()
    .int()
    .nullable()
    .describe("The quota that applies (the namespace's own, else the site default); null: no limit"),
  quota: quotaSetting,
});

/** Setting a namespace's own quota (site operators). */
export const namespaceQuotaBody = z.object({
  quota: namespaceQuotaSettingSchema.describe(
    '"site_default" to follow the site-wide default, "unlimited" for no limit, or bytes (1 MB to 1,000 TB). A quota below what the namespace stores is allowed: pushes that add bytes are then refused, nothing is deleted.',
  ),
});

export const siteStorageResource = storageResource.extend({
  described_bytes: z.number().int().describe("Every manifest and blob the console has described, each once"),
  reclaimable_bytes: bytes(
    "Described bytes no tag reaches any more: untagged or deleted images whose blobs garbage collection can free",
  ),
});

/** Which tags a deletion would take: a comma-separated list, or none for the whole repository. */
export const deletionImpactQuery = z.object({
  tags: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined) return null;
      const tags = [...new Set(v.split(",").filter(Boolean))];
      const bad = tags.find((t) => !tagNameSchema.safeParse(t).success);
      if (bad !== undefined) ctx.addIssue({ code: "custom", message: `Not a tag name: ${bad}` });
      else if (tags.length === 0) ctx.addIssue({ code: "custom", message: "Name at least one tag, or leave tags out" });
      else if (tags.length > 1000) ctx.addIssue({ code: "custom", message: "At most 1,000 tags at once" });
      return tags;
    })
    .describe("Comma-separated tags to delete; leave out for the whole repository"),
});

export const deletionImpactResource = z.object({
  repository_bytes: z
    .number()
    .int()
    .describe("Bytes the repository's storage figure loses: blobs (manifests included) only these tags reach there"),
  namespace_bytes: z
    .number()
    .int()
    .describe("Of those, the bytes no other repository of the namespace holds: what its storage (and quota) loses"),
  disk_bytes: z
    .number()
    .int()
    .describe("Of those, the bytes no other namespace holds: the most garbage collection can then free on disk"),
  calculating: z
    .boolean()
    .describe("True while some of these tags are not counted yet (moments after a push): the figures may be low"),
});
