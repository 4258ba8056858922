import { Section } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Notice } from "@/components/ui/notice";
import { TextLink } from "@/components/ui/text-link";
import { Time } from "@/components/ui/time";
import type { RetentionArtifactRecord } from "@/lib/data/retention";
import type { RetentionRunDetail } from "@/lib/data/retention";
import { formatBytes, formatCount } from "@/lib/format";
import { describeCriterion, describeSelectors } from "@/lib/retention/rules";
import { RunStatus } from "./run-status";

/** One run's record: totals, the rules it applied, and per repository what it kept (why) and deleted. */
export function RunDetail({ run, basePath }: { run: RetentionRunDetail; basePath: string }) {
  const now = new Date();
  const done = run.status === "succeeded" || run.status === "failed";
  return (
    <>
      <Section
        title={run.dryRun ? "Dry run" : "Retention run"}
        description={
          <>
            {run.trigger === "schedule"
              ? "Started by the schedule"
              : `Started by ${run.triggeredBy ?? "a former member"}`}{" "}
            <Time value={run.startedAt ?? run.createdAt} now={now} />
            {run.finishedAt ? (
              <>
                , finished <Time value={run.finishedAt} now={now} />
              </>
            ) : null}
            . <TextLink href={basePath}>All runs</TextLink>
          </>
        }
        actions={<RunStatus run={run} />}
      >
        {done ? (
          <dl className="grid grid-cols-2 gap-4 text-sm sm:grid-cols-4" data-testid="run-totals">
            <Figure label="Repositories" value={String(run.repositories)} />
            <Figure label="Images kept" value={String(run.retained)} />
            <Figure label={run.dryRun ? "Would be deleted" : "Deleted"} value={String(run.deleted)} />
            <Figure label={run.dryRun ? "Would free" : "Freed"} value={formatBytes(run.bytesFreed)} />
          </dl>
        ) : (
          <p className="text-sm text-slate-600" role="status">
            This run is {run.status}. Reload the page to see its record once it finishes.
          </p>
        )}
        {run.error ? (
          <Notice className="mt-4" role="alert">
            {run.error}
          </Notice>
        ) : null}
        {run.untaggedListed === false ? (
          <Notice className="mt-4" role="note">
            Untagged manifests could not be listed (the registry is not the console&apos;s own storage), so none were
            considered.
          </Notice>
        ) : null}
        <h3 className="mt-5 text-sm font-medium text-slate-800">Rules applied</h3>
        <ol className="mt-1 list-decimal space-y-0.5 pl-5 text-sm text-slate-700">
          {run.rules.map((r) => (
            <li key={r.id}>
              {describeSelectors(r)}: {describeCriterion(r)}
            </li>
          ))}
        </ol>
      </Section>
      {done && run.results.length === 0 ? (
        <EmptyState title="No repository was selected">No rule selected any repository of the namespace.</EmptyState>
      ) : null}
      {run.results.map((r) => (
        <Section
          key={r.repository}
          title={r.repository}
          description={`${formatCount(r.retainedCount, "image")} kept, ${formatCount(r.deletedArtifacts.length, "image")} ${run.dryRun ? "would be deleted" : "deleted"}, ${formatBytes(r.bytesFreed)} ${run.dryRun ? "would be freed" : "freed"}${r.untouchedUntagged > 0 ? `; ${formatCount(r.untouchedUntagged, "untagged manifest")} left alone` : ""}.`}
        >
          <div data-testid="run-repository" className="grid gap-6 md:grid-cols-2">
            <ArtifactList
              title={run.dryRun ? "Would be deleted" : "Deleted"}
              items={r.deletedArtifacts}
              testId="deleted"
            />
            <ArtifactList title="Kept" items={r.retainedArtifacts} testId="retained" />
          </div>
          {r.error ? (
            <Notice className="mt-4" role="alert">
              Nothing was deleted here: {r.error}
            </Notice>
          ) : null}
        </Section>
      ))}
    </>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt className="text-slate-500">{label}</dt>
      <dd className="text-lg font-semibold tabular-nums">{value}</dd>
    </div>
  );
}

function ArtifactList({ title, items, testId }: { title: string; items: RetentionArtifactRecord[]; testId: string }) {
  return (
    <div>
      <h3 className="text-sm font-medium text-slate-800">{title}</h3>
      {items.length === 0 ? (
        <p className="mt-1 text-sm text-slate-500">None.</p>
      ) : (
        <ul className="mt-1 space-y-1.5 text-sm" data-testid={testId}>
          {items.map((a) => (
            <li key={a.digest}>
              <span className="font-medium">
                {a.tags.length > 0
                  ? a.tags.join(", ")
                  : a.kind === "child"
                    ? "(child of a deleted index)"
                    : "(untagged)"}
              </span>{" "}
              <span className="font-mono text-xs text-slate-500" title={a.digest}>
                {a.digest.slice(0, 19)}
              </span>
              {a.reasons?.length ? <span className="block text-xs text-slate-500">{a.reasons.join("; ")}</span> : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
