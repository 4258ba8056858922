export default function Loading() {
  return (
    <div className="grid gap-8 md:grid-cols-[280px_1fr]" aria-busy="true" aria-label="Loading profile">
      <div className="h-64 animate-pulse rounded-xl bg-slate-200" />
      <div className="h-48 animate-pulse rounded-xl bg-slate-200" />
    </div>
  );
}
