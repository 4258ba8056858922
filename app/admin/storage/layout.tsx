import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { isSiteOperator } from "@/lib/authz/rules/site-operator";

/**
 * Operators only, for every page under Admin → Storage: checked here, outside the section's
 * loading.tsx, so anyone else gets a real 404 status rather than a streamed 200 with a 404 page.
 */
export default async function AdminStorageLayout({ children }: { children: ReactNode }) {
  const user = await requireUser("/admin/storage");
  if (!isSiteOperator(user)) notFound();
  return children;
}
