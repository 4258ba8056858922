import { Card } from "@/components/ui/card";
import type { BuildStep } from "@/lib/images/layers";
import { formatBytes } from "@/lib/format";

/**
 * The build, step by step: real layers with their size and a bar for their share of the image,
 * and the metadata steps (ENV, CMD…) that added no layer as 0 B rows in their place between them.
 */
export function LayerList({ steps }: { steps: BuildStep[] }) {
  return (
    <Card padded={false}>
      <ol className="divide-y divide-slate-100" data-testid="layer-list">
        {steps.map((s, i) => {
          if (s.kind === "metadata") {
            return (
              <li
                key={`m${i}`}
                className="grid grid-cols-[3rem_1fr_6rem] items-start gap-3 px-4 py-2 text-xs text-slate-500"
                data-testid="metadata-row"
              >
                <span aria-hidden="true" className="text-right">
                  ·
                </span>
                <code className="font-mono break-all whitespace-pre-wrap">
                  {s.createdBy || "(no command recorded)"}
                </code>
                <span className="text-right">0 B</span>
              </li>
            );
          }
          return (
            <li
              key={`l${i}`}
              className="grid grid-cols-[3rem_1fr_6rem] items-start gap-3 px-4 py-3 text-sm"
              data-testid="layer-row"
              data-size={s.size}
              data-digest={s.digest}
            >
              <span className="text-right font-medium text-slate-500">{s.layerIndex + 1}</span>
              <div className="min-w-0 space-y-1.5">
                <code className="block font-mono text-xs break-all whitespace-pre-wrap text-slate-800">
                  {s.createdBy || "(no history entry for this layer)"}
                </code>
                <div
                  className="h-1.5 w-full rounded bg-slate-100"
                  title={`${(s.share * 100).toFixed(1)}% of the image`}
                >
                  <div
                    className="h-1.5 rounded bg-brand-500"
                    style={{ width: `${Math.max(s.share * 100, 0.5)}%` }}
                    data-testid="layer-share-bar"
                  />
                </div>
                <p className="font-mono text-[11px] break-all text-slate-500">{s.digest}</p>
              </div>
              <span className="text-right font-medium tabular-nums">{formatBytes(s.size)}</span>
            </li>
          );
        })}
      </ol>
    </Card>
  );
}
