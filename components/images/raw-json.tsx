import { Card } from "@/components/ui/card";

/** A JSON document shown as text (never as HTML), folded until opened. */
export function RawJson({ title, json, testId }: { title: string; json: string; testId: string }) {
  return (
    <Card padded={false}>
      <details data-testid={testId}>
        <summary className="cursor-pointer px-4 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50">
          {title}
        </summary>
        <pre className="max-h-[32rem] overflow-auto border-t border-slate-200 bg-terminal p-4 font-mono text-xs text-terminal-fg">
          {json}
        </pre>
      </details>
    </Card>
  );
}
