export default function Loading() {
  return (
    <div className="space-y-8" aria-busy="true" aria-label="Loading settings">
      {[0, 1, 2, 3].map((i) => (
        <div key={i} className="h-48 animate-pulse rounded-xl bg-slate-200" />
      ))}
    </div>
  );
}
