"use client";

import { Notice } from "@/components/ui/notice";
import { useQuery } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Time } from "@/components/ui/time";
import { queryKeys } from "@/lib/query-keys";
import type { ComponentHealth, Health } from "@/lib/data/health";
import { StatusBadge } from "./status-badge";

async function fetchHealth(): Promise<Health> {
  // 503 still carries the health document (degraded); only a network failure is an error here.
  const res = await fetch("/api/health", { cache: "no-store" });
  return (await res.json()) as Health;
}

function Row({
  name,
  description,
  health,
  extra,
}: {
  name: string;
  description: string;
  health: ComponentHealth;
  extra?: string;
}) {
  return (
    <li className="flex items-start justify-between gap-4 px-5 py-4" data-testid={`health-${name.toLowerCase()}`}>
      <div>
        <p className="font-medium">{name}</p>
        <p className="text-sm text-slate-500">{description}</p>
        {extra ? <p className="mt-1 font-mono text-xs text-slate-500">{extra}</p> : null}
        {health.message ? <p className="mt-1 text-sm text-red-700">{health.message}</p> : null}
      </div>
      <div className="flex shrink-0 flex-col items-end gap-1">
        <StatusBadge status={health.status} />
        <span className="text-xs text-slate-500 tabular-nums">
          {health.latencyMs === null ? "—" : `${health.latencyMs} ms`}
        </span>
      </div>
    </li>
  );
}

export function HealthPanel({ initial }: { initial: Health }) {
  const { data, isFetching, isError, refetch } = useQuery({
    queryKey: queryKeys.health,
    queryFn: fetchHealth,
    initialData: initial,
    refetchInterval: 10_000,
  });
  return (
    <section className="space-y-4">
      <Card className="flex flex-wrap items-center justify-between gap-3 px-5 py-4">
        <div className="flex items-center gap-3">
          <StatusBadge status={data.status} />
          <span className="text-sm text-slate-500">
            Checked <Time value={data.checkedAt} data-testid="health-checked-at" />
            {isFetching ? " · checking…" : ""}
          </span>
        </div>
        <Button variant="secondary" onClick={() => void refetch()}>
          Check again
        </Button>
      </Card>
      {isError ? (
        <Notice role="alert" padding="lg">
          The console itself did not answer the last check. Showing the previous result.
        </Notice>
      ) : null}
      <Card padded={false}>
        <ul className="divide-y divide-slate-200">
          <Row
            name="Database"
            description="PostgreSQL: accounts, repositories and the registry index."
            health={data.database}
          />
          <Row
            name="Registry"
            description="The image registry that docker and skopeo push to and pull from."
            health={data.registry}
            extra={data.registry.host}
          />
        </ul>
      </Card>
    </section>
  );
}
