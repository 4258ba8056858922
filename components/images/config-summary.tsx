import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import { Time } from "@/components/ui/time";
import type { ImageConfig } from "@/lib/registry/types";

function Value({ children }: { children: ReactNode | string[] }) {
  if (
    children === null ||
    children === undefined ||
    children === "" ||
    (Array.isArray(children) && children.length === 0)
  )
    return <span className="text-slate-500">—</span>;
  if (Array.isArray(children)) {
    return (
      <ul className="space-y-0.5">
        {children.map((c, i) => (
          <li key={i} className="font-mono text-xs break-all">
            {c}
          </li>
        ))}
      </ul>
    );
  }
  if (typeof children !== "string") return children;
  return <span className="font-mono text-xs break-all">{children}</span>;
}

const pairs = (m: Record<string, string> | null | undefined) => Object.entries(m ?? {}).map(([k, v]) => `${k}=${v}`);
const argv = (a: string[] | null | undefined) => (a && a.length > 0 ? JSON.stringify(a) : null);

/** What the image runs and how: the config's runtime settings, labels and the manifest's annotations (all as text). */
export function ConfigSummary({ config, annotations }: { config: ImageConfig; annotations: Record<string, string> }) {
  const c = config.config ?? {};
  // Build tools write "created" as RFC 3339; one that does not parse is shown as written.
  const created = config.created && !Number.isNaN(Date.parse(config.created)) ? config.created : null;
  const rows: Array<[string, ReactNode | string[]]> = [
    ["Created", created ? <Time value={created} /> : (config.created ?? null)],
    ["Entrypoint", argv(c.Entrypoint)],
    ["Command", argv(c.Cmd)],
    ["Environment", c.Env ?? []],
    ["Exposed ports", Object.keys(c.ExposedPorts ?? {})],
    ["Working directory", c.WorkingDir || null],
    ["User", c.User || null],
    ["Labels", pairs(c.Labels)],
    ["Annotations", pairs(annotations)],
  ];
  return (
    <Card padded={false}>
      <dl className="divide-y divide-slate-100 text-sm" data-testid="config-summary">
        {rows.map(([label, value]) => (
          <div key={label} className="grid grid-cols-[10rem_1fr] gap-3 px-4 py-2">
            <dt className="text-slate-500">{label}</dt>
            <dd className="min-w-0" data-testid={`config-${label.toLowerCase().replace(/\s+/g, "-")}`}>
              <Value>{value}</Value>
            </dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}
