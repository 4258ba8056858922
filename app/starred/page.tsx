import type { Metadata } from "next";
import { RepositoryList } from "@/components/repositories/repository-list";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { listStarredRepositories } from "@/lib/data/repositories";

export const metadata: Metadata = { title: "Starred" };

export default async function StarredPage() {
  const user = await requireUser("/starred");
  const items = await listStarredRepositories(user.id);
  return (
    <div className="space-y-6">
      <PageHeader title="Starred repositories" />
      <RepositoryList
        repositories={items}
        empty="You have not starred any repository yet. Star one from its page to find it here."
      />
    </div>
  );
}
