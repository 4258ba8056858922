import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { actorOf } from "@/lib/auth/actor";
import { getCurrentUser } from "@/lib/auth/session";
import { viewRepository } from "@/lib/authz/repository-viewer";
import { tagMayExist } from "@/lib/data/image-details";
import { tagNameSchema } from "@/lib/validations/tag-list";

/**
 * A tag that does not exist is a real 404: checked here because a layout runs before the
 * segment's loading.tsx starts streaming (after which a page's notFound() can only send a 200
 * whose body says so). The page checks again next to its data.
 */
export default async function TagLayout({ children, params }: { children: ReactNode; params: Promise<{ namespace: string; name: string; tag: string }> }) {
  const { namespace, name, tag: rawTag } = await params;
  const tag = tagNameSchema.safeParse(decodeURIComponent(rawTag));
  const view = await viewRepository(actorOf(await getCurrentUser()), namespace, decodeURIComponent(name));
  if (!view || !tag.success) notFound();
  if (!(await tagMayExist(view.repo.id, `${view.repo.namespace}/${view.repo.name}`, tag.data))) notFound();
  return children;
}
