import { Notice } from "@/components/ui/notice";
import { notFound } from "next/navigation";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { TextLink } from "@/components/ui/text-link";
import { ConfigSummary } from "@/components/images/config-summary";
import { LayerList } from "@/components/images/layer-list";
import { PlatformSwitcher } from "@/components/images/platform-switcher";
import { RawJson } from "@/components/images/raw-json";
import { PullCommand } from "@/components/repositories/pull-command";
import { getImageDetail, type ImageDetail } from "@/lib/data/image-details";
import { getTag } from "@/lib/data/registry-index";
import { getEnv } from "@/lib/env";
import { NotFoundError, RegistryUnavailableError } from "@/lib/errors";
import { Time } from "@/components/ui/time";
import { formatBytes, formatCount } from "@/lib/format";
import { loadTag } from "@/lib/loaders/tag";
import { platformLabel } from "@/lib/registry/inspect";
import { imagePageQuerySchema } from "@/lib/validations/tag-list";

type Props = {
  params: Promise<{ namespace: string; name: string; tag: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** One tag: what it points at, its platforms, layers and build history, config, and raw JSON. */
// The repository layout's template adds the rest: "1.0 · operator/probe · Dockyard".
export async function generateMetadata({ params }: Pick<Props, "params">) {
  return { title: decodeURIComponent((await params).tag) };
}

export default async function ImagePage({ params, searchParams }: Props) {
  const { namespace, name, tag: rawTag } = await params;
  const { repo, tag } = await loadTag(namespace, name, rawTag);
  const { platform } = imagePageQuerySchema.parse(await searchParams);
  const path = `${repo.namespace}/${repo.name}`;
  const indexed = await getTag(repo.id, tag);
  let detail: ImageDetail | null = null;
  try {
    detail = await getImageDetail(path, tag, platform);
  } catch (err) {
    if (err instanceof NotFoundError) notFound();
    if (!(err instanceof RegistryUnavailableError)) throw err;
  }
  const host = getEnv().REGISTRY_PUBLIC_HOST;
  const base = `/r/${path}/tags/${encodeURIComponent(tag)}`;
  const digest = detail?.digest ?? indexed?.digest;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0 space-y-1">
          <p className="text-sm">
            <TextLink href={`/r/${path}/tags`}>← All tags</TextLink>
          </p>
          <h2 className="text-xl font-semibold">
            Tag <span className="font-mono">{tag}</span>
          </h2>
          {digest ? (
            <p className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
              <code className="font-mono text-xs break-all" data-testid="image-digest">
                {digest}
              </code>
              <CopyButton value={digest} label="Copy digest" />
            </p>
          ) : null}
          <p className="text-xs text-slate-500">
            {detail ? `${detail.kind === "index" ? "Multi-platform index" : "Image"} · ${detail.mediaType}` : null}
            {indexed ? (
              <>
                {" · pushed "}
                <Time value={indexed.pushedAt} />
                {indexed.pushedBy ? ` by ${indexed.pushedBy}` : ""}
                {indexed.lastPulledAt ? (
                  <>
                    {" · last pulled "}
                    <Time value={indexed.lastPulledAt} />
                  </>
                ) : (
                  " · never pulled"
                )}
                {` · ${formatCount(indexed.pullCount, "pull")}`}
              </>
            ) : null}
          </p>
        </div>
        <ButtonLink href={`/r/${path}/compare?a=${encodeURIComponent(tag)}`} variant="secondary">
          Compare with another tag
        </ButtonLink>
      </div>

      <div className="max-w-3xl">
        <PullCommand
          image={`${host}/${path}`}
          tags={[{ name: tag, digest: digest ?? null }]}
          initialTag={tag}
          plainHttp={getEnv().REGISTRY_URL.startsWith("http:")}
        />
      </div>

      {!detail ? (
        <Notice as="div" role="alert" padding="lg" className="space-y-2">
          <p>
            The registry is not reachable right now, so layers, history and config cannot be shown. Try again in a
            moment.
          </p>
          {indexed?.platforms ? (
            <p data-testid="indexed-platforms">
              From the index:{" "}
              {indexed.platforms
                .map((p) => `${platformLabel(p)} (${formatBytes(p.size)}, ${formatCount(p.layerCount, "layer")})`)
                .join(", ")}
              .
            </p>
          ) : null}
        </Notice>
      ) : (
        <ImageBody detail={detail} hrefFor={(d) => `${base}?platform=${encodeURIComponent(d)}`} />
      )}
    </div>
  );
}

function ImageBody({ detail, hrefFor }: { detail: ImageDetail; hrefFor: (digest: string) => string }) {
  const img = detail.image;
  const realLayers = img.layers.length;
  return (
    <>
      {detail.kind === "index" ? (
        <PlatformSwitcher platforms={detail.platforms} selected={img.digest} hrefFor={hrefFor} />
      ) : null}
      <Card>
        <dl className="grid grid-cols-3 gap-2 text-center text-sm">
          <div>
            <dt className="text-slate-500">Platform</dt>
            <dd className="font-mono font-semibold">{img.platform}</dd>
          </div>
          <div>
            <dt className="text-slate-500">Compressed size</dt>
            <dd className="font-semibold" data-testid="image-total-size" data-bytes={img.totalSize}>
              {formatBytes(img.totalSize)}
            </dd>
          </div>
          <div>
            <dt className="text-slate-500">Layers</dt>
            <dd className="font-semibold" data-testid="image-layer-count">
              {realLayers}
            </dd>
          </div>
        </dl>
      </Card>
      {img.warnings.map((w) => (
        <Notice key={w} role="note" padding="md" data-testid="image-warning">
          {w}
        </Notice>
      ))}
      <section className="space-y-2" aria-labelledby="layers-heading">
        <h3 id="layers-heading" className="font-semibold">
          Layers and build history
        </h3>
        <LayerList steps={img.steps} />
      </section>
      <section className="space-y-2" aria-labelledby="config-heading">
        <h3 id="config-heading" className="font-semibold">
          Configuration
        </h3>
        <ConfigSummary
          config={img.config}
          annotations={{ ...detail.indexAnnotations, ...(img.manifest.annotations ?? {}) }}
        />
      </section>
      <section className="space-y-2" aria-label="Raw JSON">
        {detail.rawIndex ? <RawJson title="Raw index" json={detail.rawIndex} testId="raw-index" /> : null}
        <RawJson title="Raw manifest" json={img.rawManifest} testId="raw-manifest" />
        <RawJson title="Raw config" json={img.rawConfig} testId="raw-config" />
      </section>
    </>
  );
}
