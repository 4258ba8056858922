"use client";

import { useActionState } from "react";
import { starAction } from "@/lib/actions/repository";
import { initialFormState } from "@/lib/actions/form-state";

export function StarButton({ namespace, name, starred, count }: { namespace: string; name: string; starred: boolean; count: number }) {
  const [state, action, pending] = useActionState(starAction, initialFormState);
  return (
    <form action={action} className="inline-flex items-center gap-2">
      <input type="hidden" name="namespace" value={namespace} />
      <input type="hidden" name="name" value={name} />
      <input type="hidden" name="starred" value={starred ? "false" : "true"} />
      <button type="submit" disabled={pending} aria-pressed={starred} className={`rounded-md border px-3 py-1 text-sm font-medium ${starred ? "border-amber-300 bg-amber-50 text-amber-800" : "border-slate-300 bg-white hover:bg-slate-50"}`}>
        {starred ? "★ Starred" : "☆ Star"} <span className="ml-1 tabular-nums text-slate-500">{count}</span>
      </button>
      {!state.ok && state.message ? (
        <span role="alert" className="text-xs text-red-700">
          {state.message}
        </span>
      ) : null}
    </form>
  );
}
