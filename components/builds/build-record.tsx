import type { ReactNode } from "react";
import { Code } from "@/components/retention/code";
import { Card } from "@/components/ui/card";
import { TextLink } from "@/components/ui/text-link";
import { Time } from "@/components/ui/time";
import type { BuildView } from "@/lib/data/builds";
import { buildDuration, triggerText } from "./build-facts";

function Fact({ label, children, wide = false }: { label: string; children: ReactNode; wide?: boolean }) {
  return (
    <div className={`min-w-0 ${wide ? "col-span-2" : ""}`.trim()}>
      <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">{label}</dt>
      <dd className="mt-1 break-words text-slate-800">{children}</dd>
    </div>
  );
}

const none = <span className="text-slate-400">—</span>;

/** A build's record: what started it, from which ref and commit, what it pushed, when, and why it failed. */
export function BuildRecord({ build: b, repoPath, now }: { build: BuildView; repoPath: string; now: Date }) {
  const tagHref = b.imageTag ? `${repoPath}/tags/${encodeURIComponent(b.imageTag)}` : null;
  const pushed = b.status === "succeeded" && tagHref;
  return (
    <Card>
      <dl className="grid grid-cols-2 gap-x-6 gap-y-4 text-sm lg:grid-cols-4" data-testid="build-record">
        <Fact label="Trigger" wide>
          {triggerText(b)}
        </Fact>
        <Fact label={b.sourceType === "branch" ? "Branch" : "Tag"}>
          <span className="font-medium">{b.ref}</span>
        </Fact>
        <Fact label="Dockerfile">
          <Code>{b.dockerfilePath}</Code>
        </Fact>
        <Fact label="Commit" wide>
          {b.commit ? (
            <span className="font-mono text-xs break-all" title={b.commit}>
              {b.commit}
            </span>
          ) : (
            <span className="text-slate-500">Known once cloned</span>
          )}
        </Fact>
        <Fact label="Image tag">
          {pushed ? (
            <TextLink href={tagHref} className="font-mono text-xs" data-testid="build-image-tag">
              {b.imageTag}
            </TextLink>
          ) : b.imageTag ? (
            <Code>{b.imageTag}</Code>
          ) : (
            <span className="text-slate-500">From the template {b.tagTemplate}</span>
          )}
        </Fact>
        <Fact label="Took">{buildDuration(b, now) ?? none}</Fact>
        <Fact label="Digest" wide>
          {b.digest && pushed ? (
            <TextLink href={tagHref} className="font-mono text-xs break-all" data-testid="build-digest">
              {b.digest}
            </TextLink>
          ) : (
            (b.digest ?? none)
          )}
        </Fact>
        <Fact label="Queued">
          <Time value={b.createdAt} now={now} />
        </Fact>
        <Fact label="Started">{b.startedAt ? <Time value={b.startedAt} now={now} /> : none}</Fact>
        <Fact label="Finished">{b.finishedAt ? <Time value={b.finishedAt} now={now} /> : none}</Fact>
      </dl>
      {b.error ? (
        <p
          className="mt-5 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm break-words text-red-800"
          data-testid="build-error"
        >
          {b.error}
        </p>
      ) : null}
      {b.logTruncated ? (
        <p className="mt-3 text-xs text-slate-500">The log reached the size limit: its end was not kept.</p>
      ) : null}
    </Card>
  );
}
