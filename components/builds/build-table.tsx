import { Code } from "@/components/retention/code";
import { Table } from "@/components/ui/table";
import { TextLink } from "@/components/ui/text-link";
import { Time } from "@/components/ui/time";
import type { BuildView } from "@/lib/data/builds";
import { BuildStatusBadge, buildDuration, shortCommit, triggerText } from "./build-facts";

type Row = BuildView & { repository?: string };

const cell = "px-3 py-2 whitespace-nowrap";

/**
 * Builds as a table, newest first: number (to the record), status, ref and commit, the image tag
 * (to the tag's page once pushed), what started it, when and for how long. With `namespace` and
 * rows that carry their repository, it is a namespace's list and names each build's repository.
 */
export function BuildTable({
  namespace,
  name,
  builds,
  positions,
  now,
}: {
  namespace: string;
  /** The repository of every row; absent for a namespace's list (each row names its own). */
  name?: string;
  builds: Row[];
  positions: Record<string, number>;
  now: Date;
}) {
  const headers = [
    "Build",
    ...(name ? [] : ["Repository"]),
    "Status",
    "Ref",
    "Image tag",
    "Trigger",
    "Started",
    "Took",
  ];
  return (
    <Table headers={headers}>
      {builds.map((b) => {
        const repo = `/r/${namespace}/${name ?? b.repository}`;
        return (
          <tr key={b.id} data-testid="build-row" data-number={b.number}>
            <td className={cell}>
              <TextLink href={`${repo}/builds/${b.number}`} aria-label={`Build #${b.number}`}>
                #{b.number}
              </TextLink>
            </td>
            {name ? null : (
              <td className={cell}>
                <TextLink href={`${repo}/builds`}>{b.repository}</TextLink>
              </td>
            )}
            <td className={cell}>
              <BuildStatusBadge status={b.status} position={positions[b.id]} cancelling={b.cancelRequested} />
            </td>
            <td className={cell}>
              <span className="text-slate-500">{b.sourceType === "branch" ? "branch" : "tag"}</span>{" "}
              <span className="font-medium">{b.ref}</span>
              {b.commit ? (
                <span className="ml-2 font-mono text-xs text-slate-500" title={b.commit}>
                  {shortCommit(b.commit)}
                </span>
              ) : null}
            </td>
            <td className={cell}>
              {b.imageTag && b.status === "succeeded" ? (
                <TextLink href={`${repo}/tags/${encodeURIComponent(b.imageTag)}`} className="font-mono text-xs">
                  {b.imageTag}
                </TextLink>
              ) : b.imageTag ? (
                <Code>{b.imageTag}</Code>
              ) : (
                <span className="text-slate-400">—</span>
              )}
            </td>
            <td className={`${cell} text-slate-600`}>{triggerText(b)}</td>
            <td className={`${cell} text-slate-600`}>
              {b.startedAt ? <Time value={b.startedAt} now={now} /> : <span className="text-slate-400">Not yet</span>}
            </td>
            <td className={`${cell} text-slate-600 tabular-nums`}>{buildDuration(b, now) ?? "—"}</td>
          </tr>
        );
      })}
    </Table>
  );
}
