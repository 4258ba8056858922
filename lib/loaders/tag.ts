import "server-only";
import { notFound } from "next/navigation";
import { cache } from "react";
import { tagMayExist } from "@/lib/data/image-details";
import { tagNameSchema } from "@/lib/validations/tag-list";
import { loadRepository, type LoadedRepository } from "./repository";

export type LoadedTag = LoadedRepository & { tag: string };

/**
 * Whether the tag may exist (the index, else a registry HEAD; "maybe" while the registry is down),
 * asked once per request. Memoized by React's `cache()` for one render pass only: see
 * lib/loaders/repository.ts for why a re-render after a server action reads afresh.
 */
const mayExist = cache((repositoryId: string, path: string, tag: string) => tagMayExist(repositoryId, path, tag));

/**
 * The tag behind `/r/[namespace]/[name]/tags/[tag]` (params as the route gives them): its
 * repository as the viewer may see it (lib/loaders/repository.ts), a valid tag name, and a tag
 * that may exist — else the 404 page. The tag layout calls this before loading.tsx streams, so a
 * missing tag is a real 404; the page calls it again and gets the same answer without a lookup.
 * (When a navigation re-renders only the page — a new ?platform= — the page asks on its own: one
 * index read, plus a registry HEAD only if the index lacks the tag. The answer is the one the page
 * gave before: a tag failing this check made getImageDetail throw NotFoundError, the same 404.)
 */
export async function loadTag(namespace: string, rawName: string, rawTag: string): Promise<LoadedTag> {
  const tag = tagNameSchema.safeParse(decodeURIComponent(rawTag));
  const loaded = await loadRepository(namespace, rawName);
  if (!tag.success) notFound();
  if (!(await mayExist(loaded.repo.id, `${loaded.repo.namespace}/${loaded.repo.name}`, tag.data))) notFound();
  return { ...loaded, tag: tag.data };
}
