export default function Loading() {
  return (
    <div className="space-y-8" aria-busy="true" aria-label="Loading security settings">
      <div className="h-64 animate-pulse rounded-xl bg-slate-200" />
      <div className="h-40 animate-pulse rounded-xl bg-slate-200" />
      <div className="h-40 animate-pulse rounded-xl bg-slate-200" />
    </div>
  );
}
