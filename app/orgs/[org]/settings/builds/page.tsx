import type { Metadata } from "next";
import { NamespaceBuilds } from "@/components/builds/namespace-builds";
import { loadNamespaceBuilds } from "@/lib/loaders/builds";
import { pageParam } from "@/lib/loaders/retention";

export const metadata: Metadata = { title: "Builds" };

/** The builds of an organization's repositories (its owners and site operators). */
export default async function OrganizationBuildsPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>;
  searchParams: Promise<{ page?: string }>;
}) {
  const { org } = await params;
  const basePath = `/orgs/${org}/settings/builds`;
  const data = await loadNamespaceBuilds(org, basePath, pageParam((await searchParams).page));
  return <NamespaceBuilds data={data} basePath={basePath} />;
}
