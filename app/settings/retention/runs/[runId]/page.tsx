import type { Metadata } from "next";
import { RunDetail } from "@/components/retention/run-detail";
import { requireUser } from "@/lib/auth/session";
import { loadRetentionRun } from "@/lib/loaders/retention";

export const metadata: Metadata = { title: "Retention run" };

export default async function PersonalRetentionRunPage({ params }: { params: Promise<{ runId: string }> }) {
  const { runId } = await params;
  const basePath = "/settings/retention";
  const user = await requireUser(`${basePath}/runs/${runId}`);
  const { run } = await loadRetentionRun(user.username, runId, `${basePath}/runs/${runId}`);
  return <RunDetail run={run} basePath={basePath} />;
}
