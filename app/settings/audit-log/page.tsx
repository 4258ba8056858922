import type { Metadata } from "next";
import { z } from "zod";
import { AuditLogView } from "@/components/audit/audit-log-view";
import { requireUser } from "@/lib/auth/session";
import { listAuditEvents } from "@/lib/data/audit-log";
import { auditLogQuerySchema } from "@/lib/validations/audit-log";
import { DEFAULT_PAGE_SIZE } from "@/lib/validations/pagination";

export const metadata: Metadata = { title: "Audit log" };

/** The signed-in user's own log: their account's security events and changes in their namespace. */
export default async function PersonalAuditLogPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser("/settings/audit-log");
  const parsed = auditLogQuerySchema.safeParse(await searchParams);
  const pageSize = parsed.success ? parsed.data.page_size : DEFAULT_PAGE_SIZE;
  const log = parsed.success
    ? await listAuditEvents(user, { namespace: user.username, ...parsed.data, pageSize })
    : null;
  return (
    <AuditLogView
      basePath="/settings/audit-log"
      namespace={{ name: user.username, kind: "user" }}
      description="Your account's security events (failed registry logins, tokens, two-factor authentication, password and email changes) and changes to your repositories. Only you and the site's operators can read it."
      query={parsed.success ? parsed.data : null}
      invalid={parsed.success ? undefined : Object.values(z.flattenError(parsed.error).fieldErrors).flat()}
      log={log}
      pageSize={pageSize}
    />
  );
}
