import type { Metadata } from "next";
import { NamespaceBuilds } from "@/components/builds/namespace-builds";
import { requireUser } from "@/lib/auth/session";
import { loadNamespaceBuilds } from "@/lib/loaders/builds";
import { pageParam } from "@/lib/loaders/retention";

export const metadata: Metadata = { title: "Builds" };

/** The builds of the repositories in the signed-in user's own namespace. */
export default async function PersonalBuildsPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const basePath = "/settings/builds";
  const user = await requireUser(basePath);
  const data = await loadNamespaceBuilds(user.username, basePath, pageParam((await searchParams).page));
  return <NamespaceBuilds data={data} basePath={basePath} />;
}
