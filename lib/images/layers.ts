import type { Descriptor, HistoryEntry } from "@/lib/registry/types";

/** One row of an image's build: a real layer, or a metadata step (ENV, CMD…) that added no layer. */
export type BuildStep =
  | {
      kind: "layer";
      layerIndex: number;
      digest: string;
      mediaType: string;
      size: number;
      share: number;
      createdBy: string;
      created: string | null;
      comment: string | null;
    }
  | { kind: "metadata"; size: 0; createdBy: string; created: string | null; comment: string | null };

/**
 * `/bin/sh -c #(nop)  CMD ["sh"]` → `CMD ["sh"]`; `/bin/sh -c apk add x` → `RUN apk add x`;
 * BuildKit's trailing `# buildkit` marker is dropped. Whatever else a builder wrote is kept as is.
 */
export function cleanCreatedBy(raw: string | undefined): string {
  if (!raw) return "";
  const text = raw.trim();
  const nop = /^\/bin\/sh -c #\(nop\)\s*/;
  if (nop.test(text)) return text.replace(nop, "").trim();
  const shell = /^(?:\|\d+ (?:\S+=\S* )*)?\/bin\/sh -c\s+/;
  const cleaned = shell.test(text) ? `RUN ${text.replace(shell, "")}` : text;
  return cleaned.replace(/\s*# buildkit$/, "").trim();
}

/**
 * Pairs the manifest's layers with the config's history: history entries flagged `empty_layer`
 * produced no layer and become 0-byte metadata steps in their place between the layers; every
 * other entry takes the next layer in order. Layers the history does not account for (some
 * builders write no history) are listed with an empty command; a history that claims more layers
 * than the manifest has keeps those surplus entries as metadata steps rather than inventing sizes.
 */
export function alignLayers(layers: Descriptor[], history: HistoryEntry[] | undefined): BuildStep[] {
  const total = layers.reduce((n, l) => n + l.size, 0);
  const steps: BuildStep[] = [];
  let next = 0;
  const layerStep = (i: number, h?: HistoryEntry): BuildStep => ({
    kind: "layer",
    layerIndex: i,
    digest: layers[i]!.digest,
    mediaType: layers[i]!.mediaType,
    size: layers[i]!.size,
    share: total > 0 ? layers[i]!.size / total : 0,
    createdBy: cleanCreatedBy(h?.created_by),
    created: h?.created ?? null,
    comment: h?.comment ?? null,
  });
  for (const h of history ?? []) {
    if (h.empty_layer || next >= layers.length) {
      steps.push({
        kind: "metadata",
        size: 0,
        createdBy: cleanCreatedBy(h.created_by),
        created: h.created ?? null,
        comment: h.comment ?? null,
      });
    } else {
      steps.push(layerStep(next, h));
      next += 1;
    }
  }
  for (; next < layers.length; next++) steps.push(layerStep(next));
  return steps;
}

export const MAX_RECOMMENDED_LAYERS = 40;
export const DOMINANT_LAYER_SHARE = 0.75;

/** Hints for an image's size: too many layers, or one layer holding most of the bytes. */
export function layerWarnings(layers: Descriptor[]): string[] {
  const out: string[] = [];
  if (layers.length > MAX_RECOMMENDED_LAYERS) {
    out.push(
      `This image has ${layers.length} layers. More than ${MAX_RECOMMENDED_LAYERS} slow down pulls and builds: combine RUN steps or use a multi-stage build.`,
    );
  }
  const total = layers.reduce((n, l) => n + l.size, 0);
  if (layers.length >= 2 && total > 0) {
    const biggest = layers.reduce((best, l, i) => (l.size > layers[best]!.size ? i : best), 0);
    const share = layers[biggest]!.size / total;
    if (share >= DOMINANT_LAYER_SHARE)
      out.push(
        `Layer ${biggest + 1} holds ${Math.round(share * 100)}% of the image. That step is where the size comes from.`,
      );
  }
  return out;
}

export type LayerComparison = {
  shared: Descriptor[];
  onlyA: Descriptor[];
  onlyB: Descriptor[];
  sizeA: number;
  sizeB: number;
  /** B minus A, in compressed bytes. */
  delta: number;
  /** Bytes a host that has A must download to get B. */
  downloadForB: number;
};

/** Layers two images share (by digest, so equal content), and those only one of them has. */
export function compareLayers(a: Descriptor[], b: Descriptor[]): LayerComparison {
  const inA = new Set(a.map((l) => l.digest));
  const inB = new Set(b.map((l) => l.digest));
  const sizeA = a.reduce((n, l) => n + l.size, 0);
  const sizeB = b.reduce((n, l) => n + l.size, 0);
  const onlyB = b.filter((l) => !inA.has(l.digest));
  return {
    shared: a.filter((l) => inB.has(l.digest)),
    onlyA: a.filter((l) => !inB.has(l.digest)),
    onlyB,
    sizeA,
    sizeB,
    delta: sizeB - sizeA,
    downloadForB: onlyB.reduce((n, l) => n + l.size, 0),
  };
}
