import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { AuditLogView } from "@/components/audit/audit-log-view";
import { requireUser } from "@/lib/auth/session";
import { listAuditEvents } from "@/lib/data/audit-log";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { auditLogQuerySchema } from "@/lib/validations/audit-log";
import { DEFAULT_PAGE_SIZE } from "@/lib/validations/pagination";

export const metadata: Metadata = { title: "Audit log" };

type Props = { params: Promise<{ org: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** An organization's audit log, for its owners and site operators (the layout has already let the viewer in). */
export default async function OrganizationAuditLogPage({ params, searchParams }: Props) {
  const { org } = await params;
  const user = await requireUser(`/orgs/${org}/audit-log`);
  const parsed = auditLogQuerySchema.safeParse(await searchParams);
  const pageSize = parsed.success ? parsed.data.page_size : DEFAULT_PAGE_SIZE;
  let log = null;
  try {
    log = parsed.success ? await listAuditEvents(user, { namespace: org, ...parsed.data, pageSize }) : null;
  } catch (err) {
    // Ownership lost between the layout's check and this read.
    if (err instanceof NotFoundError || err instanceof ForbiddenError) notFound();
    throw err;
  }
  const name = log?.namespace.name ?? org;
  return (
    <AuditLogView
      basePath={`/orgs/${name}/audit-log`}
      namespace={{ name, kind: "org" }}
      description={`Changes to ${name}'s repositories, members and teams. Only its owners and the site's operators can read it.`}
      query={parsed.success ? parsed.data : null}
      invalid={parsed.success ? undefined : Object.values(z.flattenError(parsed.error).fieldErrors).flat()}
      log={log}
      pageSize={pageSize}
    />
  );
}
