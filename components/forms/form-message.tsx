import type { FormState } from "@/lib/actions/form-state";

/** The form-level result line: an error in red (announced), a success in green. */
export function FormMessage({ state, success }: { state: FormState; success?: string }) {
  if (!state.ok && state.message) {
    return (
      <p
        role="alert"
        data-testid="form-error"
        className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
      >
        {state.message}
      </p>
    );
  }
  const text = state.ok ? (state.message ?? success) : undefined;
  if (!text) return null;
  return (
    <p
      role="status"
      data-testid="form-success"
      className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800"
    >
      {text}
    </p>
  );
}
