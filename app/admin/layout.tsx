import type { ReactNode } from "react";
import { AdminNav } from "@/components/admin/admin-nav";
import { getCurrentUser } from "@/lib/auth/session";
import { isSiteOperator } from "@/lib/authz/rules/site-operator";

/**
 * The operator's pages under one row of tabs. Each page checks who may see it itself (signed-out
 * visitors are sent to sign in, others get 404); the tabs only show for site operators.
 */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const user = await getCurrentUser();
  return (
    <div className="space-y-6">
      {isSiteOperator(user) ? <AdminNav /> : null}
      {children}
    </div>
  );
}
