import { reconcileRepositoryAction } from "@/lib/actions/repository";
import { SimpleForm } from "@/components/forms/simple-form";
import { Card } from "@/components/ui/card";
import type { ReconciliationRun } from "@/lib/data/registry-index";
import { Time } from "@/components/ui/time";

const REASONS: Record<ReconciliationRun["reason"], string> = {
  manual: "on request",
  startup: "at start-up",
  "registry-recovered": "after a registry outage",
  "unclean-stop": "after the console stopped uncleanly",
  "garbage-collection": "after garbage collection",
};

/** For admins: re-read this repository's tags from the registry, with what the last run found. */
export function ReconcileForm({
  namespace,
  name,
  last,
}: {
  namespace: string;
  name: string;
  last: ReconciliationRun | null;
}) {
  return (
    <Card role="region" className="space-y-3 text-sm" aria-labelledby="reconcile-heading" data-testid="reconcile">
      <div>
        <h2 id="reconcile-heading" className="font-semibold">
          Tags changed outside the console?
        </h2>
        <p className="text-slate-600">
          This list comes from the registry&rsquo;s events. Re-scan to rebuild it from the registry itself (tags deleted
          or pushed while events were lost).
        </p>
        {last ? (
          <p className="mt-1 text-slate-500" data-testid="reconcile-last">
            Last re-scan {REASONS[last.reason]} <Time value={last.startedAt} />:{" "}
            {last.status === "running"
              ? "still running"
              : last.status === "failed"
                ? "failed (the registry could not be read)"
                : `${last.tagsAdded} added, ${last.tagsUpdated} changed, ${last.tagsRemoved} removed`}
            .
          </p>
        ) : null}
      </div>
      <SimpleForm
        action={reconcileRepositoryAction}
        hidden={{ namespace, name }}
        submit="Re-scan from registry"
        pending="Re-scanning…"
        variant="secondary"
        inline
      />
    </Card>
  );
}
