import type { ReactNode } from "react";

/**
 * What a list shows when it has nothing: says so, says why it matters, and offers the next step
 * (`action`, usually a ButtonLink). `testId` keeps the tests' hooks on the frame.
 */
export function EmptyState({
  title,
  children,
  action,
  testId,
}: {
  title: string;
  children?: ReactNode;
  action?: ReactNode;
  testId?: string;
}) {
  return (
    <div
      className="rounded-xl border border-dashed border-slate-300 bg-surface px-6 py-10 text-center"
      data-testid={testId}
    >
      <p className="font-medium text-slate-800">{title}</p>
      {children ? <div className="mx-auto mt-1 max-w-prose text-sm text-slate-600">{children}</div> : null}
      {action ? <div className="mt-4">{action}</div> : null}
    </div>
  );
}
