import type { WebhookEvent } from "@/db/schema/webhooks";

export type PayloadRepository = {
  namespace: string;
  name: string;
  visibility: "public" | "private";
  description: string;
  overview: string;
  createdAt: Date;
  starCount: number;
  pullCount: number;
};

export type PayloadInput = {
  event: WebhookEvent | "test";
  repository: PayloadRepository;
  tag: string | null;
  digest: string | null;
  actor: string | null;
  at: Date;
  callbackUrl: string;
  consoleUrl: string;
  /** Build events: the build's record (issue 23). */
  build?: BuildPayload;
};

export type BuildPayload = {
  number: number;
  status: "succeeded" | "failed" | "cancelled";
  ref: string;
  commit: string | null;
  error: string | null;
};

const unix = (d: Date) => Math.floor(d.getTime() / 1000);

/**
 * The body Docker Hub sends (`callback_url`, `push_data`, `repository`), so receivers written for
 * Docker Hub parse it unchanged; `event` and `push_data.digest` are additions. For a deleted tag,
 * `push_data` describes the tag that went, and `pusher` is who deleted it.
 */
export function buildWebhookPayload(input: PayloadInput): Record<string, unknown> {
  const r = input.repository;
  const repoName = `${r.namespace}/${r.name}`;
  return {
    event: input.event,
    callback_url: input.callbackUrl,
    push_data: {
      pushed_at: unix(input.at),
      pusher: input.actor ?? "",
      tag: input.tag ?? "",
      digest: input.digest ?? "",
      images: [],
    },
    repository: {
      comment_count: 0,
      date_created: unix(r.createdAt),
      description: r.description,
      dockerfile: "",
      full_description: r.overview,
      is_official: false,
      is_private: r.visibility === "private",
      is_trusted: false,
      name: r.name,
      namespace: r.namespace,
      owner: r.namespace,
      repo_name: repoName,
      repo_url: new URL(`/r/${repoName}`, input.consoleUrl).toString(),
      star_count: r.starCount,
      pull_count: r.pullCount,
      status: input.event === "repository_deleted" ? "Deleted" : "Active",
    },
    ...(input.build
      ? {
          build: {
            ...input.build,
            url: new URL(`/r/${repoName}/builds/${input.build.number}`, input.consoleUrl).toString(),
          },
        }
      : {}),
  };
}
