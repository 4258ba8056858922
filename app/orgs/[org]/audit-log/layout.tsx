import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { requireUser } from "@/lib/auth/session";
import { getAuditLogNamespace } from "@/lib/data/audit-log";
import { ForbiddenError, NotFoundError } from "@/lib/errors";

/**
 * Checks that the viewer may read this organization's log before loading.tsx starts streaming:
 * once the stream has begun the status is fixed at 200, and non-owners must get a real 404.
 */
export default async function OrganizationAuditLogLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ org: string }>;
}) {
  const { org } = await params;
  const user = await requireUser(`/orgs/${org}/audit-log`);
  try {
    await getAuditLogNamespace(user, org);
  } catch (err) {
    // A plain member (Forbidden) sees the same 404 as an outsider: the page does not exist for them.
    if (err instanceof NotFoundError || err instanceof ForbiddenError) notFound();
    throw err;
  }
  return children;
}
