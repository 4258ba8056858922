import { TabNav } from "@/components/tab-nav";

/**
 * The operator's pages. Garbage collection sits under Storage (Admin → Storage → Garbage
 * collection); the deepest matching tab is the current one, so its pages mark their own tab.
 */
export const ADMIN_TABS = [
  { href: "/admin/settings", label: "Settings" },
  { href: "/admin/storage", label: "Storage" },
  { href: "/admin/storage/garbage-collection", label: "Garbage collection" },
];

export function AdminNav() {
  return <TabNav label="Admin" tabs={ADMIN_TABS} />;
}
