import type { ReactNode } from "react";
import { loadTag } from "@/lib/loaders/tag";

/**
 * A tag that does not exist is a real 404: checked here because a layout runs before the
 * segment's loading.tsx starts streaming (after which a page's notFound() can only send a 200
 * whose body says so). The page asks the same loader (answered from the request's memo) and
 * checks the registry again next to its data.
 */
export default async function TagLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ namespace: string; name: string; tag: string }>;
}) {
  const { namespace, name, tag } = await params;
  await loadTag(namespace, name, tag);
  return children;
}
