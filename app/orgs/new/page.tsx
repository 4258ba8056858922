import type { Metadata } from "next";
import { AuthCard } from "@/components/auth/auth-card";
import { SimpleForm } from "@/components/forms/simple-form";
import { createOrganizationAction } from "@/lib/actions/organizations";
import { requireUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "New organization" };

export default async function NewOrganizationPage() {
  await requireUser("/orgs/new");
  return (
    <AuthCard
      title="Create an organization"
      subtitle="Share repositories with a team. Its name becomes a namespace: images are pushed to organization/repository."
    >
      <SimpleForm
        action={createOrganizationAction}
        submit="Create organization"
        pending="Creating…"
        fields={[
          {
            name: "name",
            label: "Organization name",
            hint: "4–30 lowercase letters and digits; shared with usernames.",
            maxLength: 30,
          },
          { name: "displayName", label: "Display name (optional)", maxLength: 100 },
        ]}
      />
    </AuthCard>
  );
}
