import { Card } from "@/components/ui/card";
import type { Operation } from "@/lib/api/operations";
import { SchemaView, typeLabel } from "./schema-view";

const METHOD_STYLES: Record<string, string> = {
  GET: "bg-sky-50 text-sky-800 ring-sky-600/20",
  POST: "bg-emerald-50 text-emerald-800 ring-emerald-600/20",
  PUT: "bg-amber-50 text-amber-800 ring-amber-600/20",
  PATCH: "bg-amber-50 text-amber-800 ring-amber-600/20",
  DELETE: "bg-red-50 text-red-800 ring-red-600/20",
};
const SCOPES: Record<string, string> = {
  read: "Read-only",
  read_write: "Read & Write",
  read_write_delete: "Read, Write & Delete",
};

/** One operation: method and path, what the token needs, parameters, body and answer. Opens without JavaScript. */
export function OperationCard({ op }: { op: Operation }) {
  return (
    <Card padded={false}>
      <details id={op.operationId} data-testid="api-operation">
        <summary className="flex cursor-pointer list-none flex-wrap items-center gap-3 px-4 py-3">
          <span
            className={`w-16 rounded px-2 py-0.5 text-center text-xs font-semibold ring-1 ring-inset ${METHOD_STYLES[op.method] ?? ""}`}
          >
            {op.method}
          </span>
          <code className="text-sm">{op.path}</code>
          <span className="text-sm text-slate-600">{op.summary}</span>
        </summary>
        <div className="space-y-4 border-t border-slate-100 px-4 py-4 text-sm">
          {op.description ? <p className="text-slate-700">{op.description}</p> : null}
          <p className="text-slate-600">
            Token scope: <span className="font-medium">{SCOPES[op.scope] ?? op.scope}</span> or higher · operationId{" "}
            <code>{op.operationId}</code>
          </p>
          {op.parameters.length > 0 ? (
            <div>
              <h4 className="font-medium">Parameters</h4>
              <ul className="mt-1 space-y-1">
                {op.parameters.map((p) => (
                  <li key={`${p.in}:${p.name}`}>
                    <code className="font-medium">{p.name}</code>{" "}
                    <span className="text-xs text-slate-500">
                      ({p.in}
                      {p.required ? ", required" : ""})
                    </span>{" "}
                    <code className="text-xs text-slate-600">{typeLabel(p.schema)}</code>
                    {p.schema.default !== undefined ? (
                      <span className="text-xs text-slate-500"> · default {JSON.stringify(p.schema.default)}</span>
                    ) : null}
                    {p.description ? <span className="text-xs text-slate-500"> — {p.description}</span> : null}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {op.requestBody ? (
            <div>
              <h4 className="font-medium">Request body (JSON)</h4>
              <div className="mt-1">
                <SchemaView schema={op.requestBody} />
              </div>
            </div>
          ) : null}
          <div>
            <h4 className="font-medium">Response {op.success.status}</h4>
            <div className="mt-1">
              {op.success.schema ? (
                <SchemaView schema={op.success.schema} />
              ) : (
                <p className="text-slate-600">No body.</p>
              )}
            </div>
          </div>
        </div>
      </details>
    </Card>
  );
}
