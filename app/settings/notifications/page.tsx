import type { Metadata } from "next";
import { NotificationPreferencesForm } from "@/components/settings/notification-preferences-form";
import { Section } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/session";
import { getNotificationPreferences } from "@/lib/data/notifications";

export const metadata: Metadata = { title: "Notification settings" };

export default async function NotificationSettingsPage() {
  const user = await requireUser("/settings/notifications");
  const rows = await getNotificationPreferences(user.id);
  return (
    <Section
      title="Notifications"
      description={
        <>
          Choose what reaches you by email (at <span className="font-medium">{user.email}</span>) and what appears under
          the bell.
        </>
      }
    >
      <NotificationPreferencesForm rows={rows} />
    </Section>
  );
}
