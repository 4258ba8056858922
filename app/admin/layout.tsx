import type { ReactNode } from "react";
import { TabNav } from "@/components/tab-nav";
import { getCurrentUser } from "@/lib/auth/session";
import { isSiteOperator } from "@/lib/authz/rules/site-operator";

/**
 * The operator's pages under one row of tabs. Each page checks who may see it itself (signed-out
 * visitors are sent to sign in, others get 404); the tabs only show for site operators.
 */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const user = await getCurrentUser();
  if (!isSiteOperator(user)) return children;
  return (
    <div className="space-y-6">
      <TabNav
        label="Admin"
        tabs={[
          { href: "/admin/settings", label: "Settings" },
          { href: "/admin/storage", label: "Storage" },
        ]}
      />
      {children}
    </div>
  );
}
