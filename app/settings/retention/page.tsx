import type { Metadata } from "next";
import { RetentionPage } from "@/components/retention/retention-page";
import { requireUser } from "@/lib/auth/session";
import { loadRetentionPage, pageParam } from "@/lib/loaders/retention";

export const metadata: Metadata = { title: "Tag retention" };

export default async function PersonalRetentionPage({
  searchParams,
}: {
  searchParams: Promise<{ page?: string | string[] }>;
}) {
  const basePath = "/settings/retention";
  const user = await requireUser(basePath);
  const data = await loadRetentionPage(user.username, basePath, pageParam((await searchParams).page));
  return <RetentionPage data={data} basePath={basePath} />;
}
