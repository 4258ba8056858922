export default function Loading() {
  return (
    <div className="space-y-8" aria-busy="true" aria-label="Loading tokens">
      <div className="h-72 animate-pulse rounded-xl bg-slate-200" />
      <div className="h-40 animate-pulse rounded-xl bg-slate-200" />
    </div>
  );
}
