export default function Loading() {
  return (
    <div className="space-y-6" aria-busy="true" aria-label="Loading webhook">
      <div className="h-6 w-40 animate-pulse rounded bg-slate-200" />
      <div className="h-24 animate-pulse rounded-xl bg-slate-100" />
      <div className="h-40 animate-pulse rounded-xl bg-slate-100" />
    </div>
  );
}
