import type { Metadata } from "next";
import { connection } from "next/server";
import { HealthPanel } from "@/components/health/health-panel";
import { getHealth } from "@/lib/data/health";

export const metadata: Metadata = { title: "Status" };

export default async function HealthPage() {
  await connection();
  const health = await getHealth();
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">System status</h1>
        <p className="mt-1 text-sm text-slate-600">Live checks of the services behind the console. The same data is at <code className="font-mono">/api/health</code>.</p>
      </div>
      <HealthPanel initial={health} />
    </div>
  );
}
