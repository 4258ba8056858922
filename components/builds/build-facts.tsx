import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { BuildView } from "@/lib/data/builds";

const STATUS: Record<BuildView["status"], { label: string; tone: BadgeTone }> = {
  queued: { label: "Queued", tone: "neutral" },
  cloning: { label: "Cloning", tone: "brand" },
  building: { label: "Building", tone: "brand" },
  pushing: { label: "Pushing", tone: "brand" },
  succeeded: { label: "Succeeded", tone: "success" },
  failed: { label: "Failed", tone: "danger" },
  cancelled: { label: "Cancelled", tone: "warning" },
};

/** A build's status as a badge; a queued build says its place in the site's queue. */
export function BuildStatusBadge({
  status,
  position,
  cancelling = false,
}: {
  status: BuildView["status"];
  position?: number | null;
  cancelling?: boolean;
}) {
  const s = STATUS[status];
  const running = status === "cloning" || status === "building" || status === "pushing";
  return (
    <Badge tone={s.tone} data-testid="build-status" data-status={status}>
      {running ? <span aria-hidden className="size-1.5 animate-pulse rounded-full bg-current" /> : null}
      {s.label}
      {status === "queued" && position ? ` · #${position} in line` : null}
      {running && cancelling ? " · cancelling" : null}
    </Badge>
  );
}

export function statusLabel(status: BuildView["status"]): string {
  return STATUS[status].label;
}

const HOSTS: Record<string, string> = { github: "GitHub", gitlab: "GitLab", gitea: "Gitea" };

/** What started a build, in words: "Build now by alice", "GitHub push", "Retry of #3 by alice". */
export function triggerText(b: Pick<BuildView, "trigger" | "triggerSource" | "startedBy" | "retryOf">): string {
  const by = b.startedBy ? ` by ${b.startedBy}` : "";
  if (b.trigger === "webhook") return `${HOSTS[b.triggerSource ?? ""] ?? "Webhook"} push`;
  if (b.trigger === "retry") return `Retry of ${b.retryOf ? `#${b.retryOf}` : "a deleted build"}${by}`;
  return `Build now${by}`;
}

/** How long a build ran (so far, while it runs): "48s", "3m 05s", "1h 02m". Null before it started. */
export function buildDuration(b: Pick<BuildView, "startedAt" | "finishedAt">, now = new Date()): string | null {
  if (!b.startedAt) return null;
  const s = Math.max(0, Math.round(((b.finishedAt ?? now).getTime() - b.startedAt.getTime()) / 1000));
  const pad = (n: number) => String(n).padStart(2, "0");
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${pad(s % 60)}s`;
  return `${Math.floor(s / 3600)}h ${pad(Math.floor((s % 3600) / 60))}m`;
}

/** The first 7 characters of a commit, as Git hosts show it. */
export function shortCommit(commit: string | null): string | null {
  return commit ? commit.slice(0, 7) : null;
}
