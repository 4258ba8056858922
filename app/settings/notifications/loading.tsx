export default function Loading() {
  return <div className="h-96 animate-pulse rounded-xl bg-slate-200" aria-busy="true" aria-label="Loading notification settings" />;
}
