import type { Metadata } from "next";
import Link from "next/link";
import { BuildActions } from "@/components/builds/build-actions";
import { BuildStatusBadge } from "@/components/builds/build-facts";
import { BuildLog } from "@/components/builds/build-log";
import { BuildRecord } from "@/components/builds/build-record";
import { RefreshWhileActive } from "@/components/builds/refresh-while-active";
import { isActiveBuild, loadBuild } from "@/lib/loaders/builds";

type Params = Promise<{ namespace: string; name: string; number: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { number } = await params;
  return { title: `Build #${number}` };
}

/** One build: its record, Cancel or Retry, and its log, live while it runs. */
export default async function BuildPage({ params }: { params: Params }) {
  const { namespace, name, number } = await params;
  const { view, build, position } = await loadBuild(namespace, name, number);
  const repoPath = `/r/${view.repo.namespace}/${view.repo.name}`;
  const active = isActiveBuild(build);
  return (
    <div className="space-y-4">
      <Link href={`${repoPath}/builds`} className="text-sm text-slate-600 hover:underline">
        ← Builds
      </Link>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="flex min-w-0 flex-wrap items-center gap-3">
          <h2 className="text-lg font-semibold">Build #{build.number}</h2>
          <BuildStatusBadge status={build.status} position={position} cancelling={build.cancelRequested} />
        </div>
        <BuildActions namespace={view.repo.namespace} name={view.repo.name} number={build.number} active={active} />
      </div>
      {/* A queued build has no log yet: the record is re-read until a worker takes it. */}
      <RefreshWhileActive active={build.status === "queued"} />
      <BuildRecord build={build} repoPath={repoPath} now={new Date()} />
      <section aria-labelledby="build-log-heading" className="space-y-2">
        <h3 id="build-log-heading" className="text-base font-semibold">
          Log
        </h3>
        <BuildLog src={`${repoPath}/builds/${build.number}/log`} initialStatus={build.status} />
      </section>
    </div>
  );
}
