import { Card } from "@/components/ui/card";
import type { LayerComparison } from "@/lib/images/layers";
import type { Descriptor } from "@/lib/registry/types";
import { formatBytes } from "@/lib/format";

function Layers({
  title,
  layers,
  commands,
  testId,
  empty,
}: {
  title: string;
  layers: Descriptor[];
  commands: Map<string, string>;
  testId: string;
  empty: string;
}) {
  return (
    <Card padded={false} data-testid={testId}>
      <h3 className="border-b border-slate-200 px-4 py-2 text-sm font-semibold">
        {title}{" "}
        <span className="font-normal text-slate-500">
          ({layers.length} · {formatBytes(layers.reduce((n, l) => n + l.size, 0))})
        </span>
      </h3>
      {layers.length === 0 ? (
        <p className="px-4 py-3 text-sm text-slate-500">{empty}</p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {layers.map((l) => (
            <li
              key={l.digest}
              className="grid grid-cols-[7rem_1fr_5rem] gap-3 px-4 py-2 text-xs"
              data-testid="compare-layer"
              data-digest={l.digest}
            >
              <code className="font-mono text-slate-500">{l.digest.slice(7, 19)}</code>
              <code className="font-mono break-all whitespace-pre-wrap text-slate-800">
                {commands.get(l.digest) || "—"}
              </code>
              <span className="text-right tabular-nums">{formatBytes(l.size)}</span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

/** Two images side by side by layer digest: what they share, what only one has, and the size difference. */
export function LayerCompare({
  a,
  b,
  result,
  commands,
}: {
  a: string;
  b: string;
  result: LayerComparison;
  commands: Map<string, string>;
}) {
  const sign = result.delta > 0 ? "+" : result.delta < 0 ? "−" : "±";
  return (
    <div className="space-y-4">
      <Card>
        <dl className="grid grid-cols-2 gap-2 text-center text-sm sm:grid-cols-4">
          <div>
            <dt className="text-slate-500">{a}</dt>
            <dd className="font-semibold">{formatBytes(result.sizeA)}</dd>
          </div>
          <div>
            <dt className="text-slate-500">{b}</dt>
            <dd className="font-semibold">{formatBytes(result.sizeB)}</dd>
          </div>
          <div>
            <dt className="text-slate-500">Difference</dt>
            <dd
              className={`font-semibold ${result.delta > 0 ? "text-red-700" : result.delta < 0 ? "text-emerald-700" : ""}`}
              data-testid="compare-delta"
              data-bytes={result.delta}
            >
              {sign}
              {formatBytes(Math.abs(result.delta))}
            </dd>
          </div>
          <div>
            <dt className="text-slate-500">To download with {a} present</dt>
            <dd className="font-semibold">{formatBytes(result.downloadForB)}</dd>
          </div>
        </dl>
      </Card>
      <Layers
        title="Shared layers"
        layers={result.shared}
        commands={commands}
        testId="compare-shared"
        empty="No layer in common."
      />
      <div className="grid gap-4 lg:grid-cols-2">
        <Layers
          title={`Only in ${a}`}
          layers={result.onlyA}
          commands={commands}
          testId="compare-only-a"
          empty={`Every layer of ${a} is in ${b}.`}
        />
        <Layers
          title={`Only in ${b}`}
          layers={result.onlyB}
          commands={commands}
          testId="compare-only-b"
          empty={`Every layer of ${b} is in ${a}.`}
        />
      </div>
    </div>
  );
}
