import type { Metadata } from "next";
import { RetentionPage } from "@/components/retention/retention-page";
import { loadRetentionPage, pageParam } from "@/lib/loaders/retention";

export const metadata: Metadata = { title: "Tag retention" };

export default async function OrganizationRetentionPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>;
  searchParams: Promise<{ page?: string | string[] }>;
}) {
  const { org } = await params;
  const basePath = `/orgs/${org}/settings/retention`;
  const data = await loadRetentionPage(org, basePath, pageParam((await searchParams).page));
  return <RetentionPage data={data} basePath={basePath} />;
}
