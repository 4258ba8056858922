import type { Metadata } from "next";
import { RepositoryList } from "@/components/repositories/repository-list";
import { requireUser } from "@/lib/auth/session";
import { listStarredRepositories } from "@/lib/data/repositories";

export const metadata: Metadata = { title: "Starred" };

export default async function StarredPage() {
  const user = await requireUser("/starred");
  const items = await listStarredRepositories(user.id);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">Starred repositories</h1>
      <RepositoryList repositories={items} empty="You have not starred any repository yet. Star one from its page to find it here." />
    </div>
  );
}
