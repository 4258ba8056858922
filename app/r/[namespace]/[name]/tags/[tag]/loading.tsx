export default function ImageLoading() {
  return (
    <div className="space-y-4" aria-busy="true" aria-label="Loading the image">
      <div className="h-6 w-48 animate-pulse rounded bg-slate-200" />
      <div className="h-10 animate-pulse rounded bg-slate-200" />
      <div className="h-64 animate-pulse rounded-lg bg-slate-100" />
    </div>
  );
}
