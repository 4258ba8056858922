import type { Metadata } from "next";
import { RunDetail } from "@/components/retention/run-detail";
import { loadRetentionRun } from "@/lib/loaders/retention";

export const metadata: Metadata = { title: "Retention run" };

export default async function OrganizationRetentionRunPage({
  params,
}: {
  params: Promise<{ org: string; runId: string }>;
}) {
  const { org, runId } = await params;
  const basePath = `/orgs/${org}/settings/retention`;
  const { run } = await loadRetentionRun(org, runId, `${basePath}/runs/${runId}`);
  return <RunDetail run={run} basePath={basePath} />;
}
