import type { Metadata } from "next";
import { connection } from "next/server";
import { HealthPanel } from "@/components/health/health-panel";
import { PageHeader } from "@/components/ui/page-header";
import { getHealth } from "@/lib/data/health";

export const metadata: Metadata = { title: "Status" };

export default async function HealthPage() {
  await connection();
  const health = await getHealth();
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <PageHeader
        title="System status"
        description={
          <>
            Live checks of the services behind the console. The same data is at{" "}
            <code className="font-mono">/api/health</code>.
          </>
        }
      />
      <HealthPanel initial={health} />
    </div>
  );
}
