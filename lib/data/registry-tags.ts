import "server-only";
import { getRegistryClient } from "@/lib/registry";

/**
 * Tags straight from the registry, sorted, with their digests (first 100). An interim read until
 * the event-fed index serves tag lists without a registry round trip per tag.
 */
export async function listTagsFromRegistry(path: string): Promise<Array<{ tag: string; digest: string }>> {
  const client = getRegistryClient();
  const tags = (await client.allTags(path).catch((err: unknown) => {
    if ((err as { code?: string }).code === "NOT_FOUND") return [] as string[];
    throw err;
  })).sort().slice(0, 100);
  const heads = await Promise.all(tags.map((tag) => client.headManifest(path, tag)));
  return tags.flatMap((tag, i) => (heads[i] ? [{ tag, digest: heads[i]!.digest }] : []));
}
