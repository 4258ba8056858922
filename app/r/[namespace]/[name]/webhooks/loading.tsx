export default function Loading() {
  return (
    <div className="space-y-4" aria-busy="true" aria-label="Loading webhooks">
      <div className="h-8 w-56 animate-pulse rounded bg-slate-200" />
      {[0, 1, 2].map((i) => (
        <div key={i} className="h-16 animate-pulse rounded-xl bg-slate-100" />
      ))}
    </div>
  );
}
