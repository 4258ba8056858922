import type { ReactNode } from "react";
import { AdminNav } from "@/components/admin/admin-nav";
import { getCurrentUser } from "@/lib/auth/session";
import { isSiteOperator } from "@/lib/authz/rules/site-operator";

/** The operator's pages share a tab row; each page checks the operator itself (404 for anyone else). */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const user = await getCurrentUser();
  return (
    <div className="space-y-6">
      {isSiteOperator(user) ? <AdminNav /> : null}
      {children}
    </div>
  );
}
