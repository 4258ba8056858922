import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { actorOf } from "@/lib/auth/actor";
import { requireUser } from "@/lib/auth/session";
import { viewRepositoryAsAdmin } from "@/lib/authz/repository-viewer";

/**
 * The admin gate for every webhook page, here rather than only in the pages: a layout runs before
 * the segment's loading.tsx starts streaming, so a refusal is a real 404 (or a redirect to sign
 * in), not a 200 whose body says "not found". The pages check again next to their data.
 */
export default async function WebhooksLayout({ children, params }: { children: ReactNode; params: Promise<{ namespace: string; name: string }> }) {
  const { namespace, name } = await params;
  const user = await requireUser(`/r/${namespace}/${name}/webhooks`);
  if (!(await viewRepositoryAsAdmin(actorOf(user), namespace, decodeURIComponent(name)))) notFound();
  return children;
}
