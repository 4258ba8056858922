import type { ReactNode } from "react";
import { SettingsNav } from "@/components/settings/settings-nav";
import { requireUser } from "@/lib/auth/session";

export default async function SettingsLayout({ children }: { children: ReactNode }) {
  await requireUser("/settings/general");
  return (
    <div className="grid gap-8 md:grid-cols-[200px_1fr]">
      <aside>
        <h1 className="mb-3 text-lg font-semibold">Settings</h1>
        <SettingsNav />
      </aside>
      <div className="min-w-0 space-y-8">{children}</div>
    </div>
  );
}
