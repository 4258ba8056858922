import { Notice } from "@/components/ui/notice";
import type { Metadata } from "next";
import { LayerCompare } from "@/components/images/layer-compare";
import { Button } from "@/components/ui/button";
import { Section } from "@/components/ui/card";
import { Label, Select } from "@/components/ui/field";
import { getImageDetail, type ImageDetail } from "@/lib/data/image-details";
import { listTagNames } from "@/lib/data/registry-index";
import { NotFoundError, RegistryUnavailableError } from "@/lib/errors";
import { compareLayers } from "@/lib/images/layers";
import { loadRepository } from "@/lib/loaders/repository";
import { compareQuerySchema } from "@/lib/validations/tag-list";

type Props = {
  params: Promise<{ namespace: string; name: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ searchParams }: Pick<Props, "searchParams">): Promise<Metadata> {
  const query = compareQuerySchema.safeParse(await searchParams);
  const { a, b } = query.success ? query.data : {};
  return { title: a && b ? `Compare ${a} and ${b}` : "Compare tags" };
}

/** For an index, the same platform on both sides: the one asked for, else linux/amd64, else the first. */
async function imageFor(path: string, tag: string, platform: string | undefined): Promise<ImageDetail> {
  const detail = await getImageDetail(path, tag);
  if (detail.kind !== "index") return detail;
  const want =
    detail.platforms.find((p) => p.label === platform) ?? detail.platforms.find((p) => p.label === "linux/amd64");
  return want && want.digest !== detail.image.digest ? getImageDetail(path, tag, want.digest) : detail;
}

async function load(
  path: string,
  a: string,
  b: string,
  platform: string | undefined,
): Promise<{ a: ImageDetail; b: ImageDetail } | { error: string }> {
  try {
    const [da, db] = await Promise.all([imageFor(path, a, platform), imageFor(path, b, platform)]);
    return { a: da, b: db };
  } catch (err) {
    if (err instanceof NotFoundError) return { error: "One of these tags no longer exists in the registry." };
    if (err instanceof RegistryUnavailableError)
      return { error: "The registry is not reachable right now. Try again in a moment." };
    throw err;
  }
}

export default async function ComparePage({ params, searchParams }: Props) {
  const { namespace, name } = await params;
  const view = await loadRepository(namespace, name);
  const query = compareQuerySchema.parse(await searchParams);
  const path = `${view.repo.namespace}/${view.repo.name}`;
  const tags = await listTagNames(view.repo.id);
  if (tags.length < 2) {
    return (
      <Section title="Compare tags">
        <p className="text-sm text-slate-600">This repository needs at least two tags to compare.</p>
      </Section>
    );
  }
  const outcome = query.a && query.b ? await load(path, query.a, query.b, query.platform) : null;
  let body: React.ReactNode = (
    <p className="text-sm text-slate-600">Choose two tags to see which layers they share and how their sizes differ.</p>
  );
  if (outcome && "error" in outcome) {
    body = (
      <Notice role="alert" padding="lg">
        {outcome.error}
      </Notice>
    );
  } else if (outcome && query.a && query.b) {
    const { a, b } = outcome;
    const commands = new Map<string, string>();
    for (const s of [...a.image.steps, ...b.image.steps])
      if (s.kind === "layer" && s.createdBy) commands.set(s.digest, s.createdBy);
    body = (
      <div className="space-y-3">
        {a.image.platform !== b.image.platform ? (
          <Notice role="note" padding="md">
            Comparing different platforms: {query.a} is {a.image.platform}, {query.b} is {b.image.platform}.
          </Notice>
        ) : (
          <p className="text-sm text-slate-500">Platform: {a.image.platform}</p>
        )}
        <LayerCompare
          a={query.a}
          b={query.b}
          result={compareLayers(a.image.layers, b.image.layers)}
          commands={commands}
        />
      </div>
    );
  }
  return (
    <div className="space-y-6">
      <header>
        <h2 className="text-lg font-semibold">Compare tags</h2>
        <p className="mt-1 text-sm text-slate-600">
          Which layers two tags of {path} share, which each adds, and how their sizes differ.
        </p>
      </header>
      <form className="flex flex-wrap items-end gap-3" data-testid="compare-form">
        {(["a", "b"] as const).map((side) => (
          <Label key={side} text={side === "a" ? "Base tag" : "Compared tag"}>
            <Select name={side} defaultValue={query[side] ?? (side === "a" ? tags[1] : tags[0])} className="font-mono">
              {tags.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </Select>
          </Label>
        ))}
        {query.platform ? <input type="hidden" name="platform" value={query.platform} /> : null}
        <Button type="submit" variant="secondary">
          Compare
        </Button>
      </form>
      {body}
    </div>
  );
}
