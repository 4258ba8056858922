/** A grey pulsing block the size of what is loading (loading.tsx files use it). */
export function Skeleton({ className = "h-40" }: { className?: string }) {
  return <div aria-hidden className={`animate-pulse rounded-xl bg-slate-200 ${className}`} />;
}
