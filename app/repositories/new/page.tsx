import type { Metadata } from "next";
import { AuthCard } from "@/components/auth/auth-card";
import { CreateRepositoryForm } from "@/components/repositories/create-repository-form";
import { requireUser } from "@/lib/auth/session";
import { creatableNamespaces } from "@/lib/authz/creatable-namespaces";

export const metadata: Metadata = { title: "Create repository" };

export default async function NewRepositoryPage({ searchParams }: { searchParams: Promise<{ ns?: string }> }) {
  const user = await requireUser("/repositories/new");
  const ns = (await searchParams).ns;
  // Your namespace, organizations where you may create, and the one the link asked for if you may
  // create there (a site operator following a foreign organization's "Create repository").
  const allowed = await creatableNamespaces(user, ns);
  return (
    <AuthCard
      title="Create a repository"
      subtitle="Or just push: the first push into your namespace creates the repository."
    >
      <CreateRepositoryForm
        namespaces={allowed}
        selected={allowed.some((a) => a.name === ns) ? ns! : allowed[0]!.name}
      />
    </AuthCard>
  );
}
