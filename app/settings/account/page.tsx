import type { Metadata } from "next";
import { DeactivateForm } from "@/components/settings/deactivate-form";
import { Section } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const user = await requireUser("/settings/account");
  return (
    <Section
      title="Deactivate account"
      tone="danger"
      description={
        <>
          You will be signed out everywhere and every personal access token stops working at once. Your repositories
          stop being served to you, and the name <code className="font-mono">{user.username}</code> stays reserved:
          nobody can register it again.
        </>
      }
    >
      <DeactivateForm username={user.username} />
    </Section>
  );
}
