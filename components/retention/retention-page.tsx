import { Section } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { Time } from "@/components/ui/time";
import type { RetentionPageData } from "@/lib/loaders/retention";
import { describeSchedule } from "@/lib/retention/schedule";
import { RetentionRules } from "./retention-rules";
import { RunButtons } from "./run-buttons";
import { RunsTable } from "./runs-table";
import { ScheduleForm } from "./schedule-form";

/** A namespace's tag retention: rules, schedule, runs (shared by the organization and personal settings). */
export function RetentionPage({ data, basePath }: { data: RetentionPageData; basePath: string }) {
  const now = new Date();
  const ns = data.namespace.name;
  return (
    <>
      <Section
        title="Tag retention rules"
        description={`Up to 15 rules, combined: an image is kept when any rule keeps it. In the repositories of ${ns}/ that a rule selects, images (manifests, with all their tags) that no rule keeps are deleted. Images with an immutable tag are always kept.`}
      >
        {data.untaggedListable ? null : (
          <Notice className="mb-4" role="note">
            Untagged manifests cannot be listed from this registry (it is not the console&apos;s own storage): rules
            that include untagged manifests find none, and run records say so.
          </Notice>
        )}
        <RetentionRules namespace={ns} rules={data.policy.rules} />
      </Section>
      <Section
        title="Schedule"
        description={
          <>
            {describeSchedule(data.policy.schedule)}
            {data.policy.nextRunAt ? (
              <>
                {"; next run "}
                <Time value={data.policy.nextRunAt} now={now} />
              </>
            ) : null}
            . Scheduled runs delete; start a dry run here first.
          </>
        }
      >
        <ScheduleForm namespace={ns} schedule={data.policy.schedule} />
      </Section>
      <Section
        title="Runs"
        description="Each run records, per repository, what was kept and why, what was deleted and the bytes it freed of the namespace's storage."
        actions={<RunButtons namespace={ns} disabled={data.policy.rules.length === 0} />}
      >
        <RunsTable basePath={basePath} runs={data.runs} page={data.page} pages={data.pages} now={now} />
      </Section>
    </>
  );
}
