import type { ReactNode } from "react";
import { loadRepositoryAsAdmin } from "@/lib/loaders/repository";

/**
 * The admin gate for every webhook page, here rather than only in the pages: a layout runs before
 * the segment's loading.tsx starts streaming, so a refusal is a real 404 (or a redirect to sign
 * in), not a 200 whose body says "not found". The pages ask the same loader (answered from the
 * request's memo) next to their data.
 */
export default async function WebhooksLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ namespace: string; name: string }>;
}) {
  const { namespace, name } = await params;
  await loadRepositoryAsAdmin(namespace, name, `/r/${namespace}/${name}/webhooks`);
  return children;
}
