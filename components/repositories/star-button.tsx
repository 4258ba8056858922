"use client";

import { useActionState } from "react";
import { starAction } from "@/lib/actions/repository";
import { Button } from "@/components/ui/button";
import { initialFormState } from "@/lib/actions/form-state";

export function StarButton({
  namespace,
  name,
  starred,
  count,
}: {
  namespace: string;
  name: string;
  starred: boolean;
  count: number;
}) {
  const [state, action, pending] = useActionState(starAction, initialFormState);
  return (
    <form action={action} className="inline-flex items-center gap-2">
      <input type="hidden" name="namespace" value={namespace} />
      <input type="hidden" name="name" value={name} />
      <input type="hidden" name="starred" value={starred ? "false" : "true"} />
      <Button type="submit" variant="secondary" disabled={pending} aria-pressed={starred}>
        <span className={starred ? "text-amber-500" : undefined}>{starred ? "★" : "☆"}</span>{" "}
        {starred ? "Starred" : "Star"} <span className="text-slate-500 tabular-nums">{count}</span>
      </Button>
      {!state.ok && state.message ? (
        <span role="alert" className="text-xs text-red-700">
          {state.message}
        </span>
      ) : null}
    </form>
  );
}
