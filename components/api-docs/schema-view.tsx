import type { JsonSchema } from "@/lib/api/operations";

/** A compact, readable type for a JSON schema: "string", "integer (1–100)", "\"a\" | \"b\"", "array of …". */
export function typeLabel(s: JsonSchema): string {
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (s.const !== undefined) return JSON.stringify(s.const);
  const alts = s.anyOf ?? s.oneOf;
  if (alts) return alts.map(typeLabel).join(" | ");
  if (s.type === "array" && s.items) return `array of ${typeLabel(s.items)}`;
  const t = Array.isArray(s.type) ? s.type.join(" | ") : (s.type ?? "any");
  // zod's integers carry the safe-integer bounds; only real limits are worth showing.
  const real = (n: number | undefined) => (n !== undefined && Math.abs(n) < 1e15 ? n : undefined);
  const [min, max] = [real(s.minimum), real(s.maximum)];
  const range = min !== undefined || max !== undefined ? ` (${min ?? ""}–${max ?? ""})` : "";
  const len = s.maxLength !== undefined ? ` (≤ ${s.maxLength} chars)` : "";
  return `${t}${range}${len}`;
}

/** An object schema as a nested field list (name, type, required, description), enough to write a client from. */
export function SchemaView({ schema, depth = 0 }: { schema: JsonSchema; depth?: number }) {
  const alts = schema.anyOf ?? schema.oneOf;
  if (alts && alts.some((a) => a.properties)) {
    return (
      <div className="space-y-2">
        {alts.map((a, i) => (
          <div key={i}>
            <p className="text-xs text-slate-500">{i === 0 ? "one of:" : "or:"}</p>
            <SchemaView schema={a} depth={depth} />
          </div>
        ))}
      </div>
    );
  }
  const obj = schema.type === "array" && schema.items?.properties ? schema.items : schema;
  if (!obj.properties) return <code className="text-xs">{typeLabel(schema)}</code>;
  return (
    <ul className={`space-y-1 text-sm ${depth > 0 ? "ml-4 border-l border-slate-200 pl-3" : ""}`}>
      {schema !== obj ? <li className="text-xs text-slate-500">array of:</li> : null}
      {Object.entries(obj.properties).map(([name, prop]) => {
        const nested =
          prop.properties ||
          (prop.type === "array" && prop.items?.properties) ||
          (prop.anyOf ?? prop.oneOf)?.some((a) => a.properties);
        return (
          <li key={name}>
            <code className="font-medium text-slate-900">{name}</code>
            {obj.required?.includes(name) ? <span className="ml-1 text-xs text-red-700">required</span> : null}{" "}
            {!nested ? <code className="text-xs text-slate-600">{typeLabel(prop)}</code> : null}
            {prop.default !== undefined ? (
              <span className="text-xs text-slate-500"> · default {JSON.stringify(prop.default)}</span>
            ) : null}
            {prop.description ? <span className="text-xs text-slate-500"> — {prop.description}</span> : null}
            {nested ? <SchemaView schema={prop} depth={depth + 1} /> : null}
          </li>
        );
      })}
    </ul>
  );
}
