"use client";

/** The webhooks area failed to load (database unreachable, say): the rest of the repository still works. */
export default function WebhooksError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="rounded-xl border border-red-200 bg-white p-6" role="alert">
      <p className="font-medium">Webhooks could not be loaded</p>
      <p className="mt-1 text-sm text-slate-600">Nothing was changed; queued deliveries keep going. It has been logged{error.digest ? ` (reference ${error.digest})` : ""}.</p>
      <button type="button" onClick={reset} className="mt-4 rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
        Try again
      </button>
    </div>
  );
}
