import type { ReactNode } from "react";
import { loadRepositoryAsAdmin } from "@/lib/loaders/repository";

/**
 * The admin gate for every build page, in the layout so a refusal is a real 404 before the
 * segment's loading.tsx streams (as the webhook pages). The pages ask the same memoised loader.
 */
export default async function BuildsLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ namespace: string; name: string }>;
}) {
  const { namespace, name } = await params;
  await loadRepositoryAsAdmin(namespace, name, `/r/${namespace}/${name}/builds`);
  return children;
}
