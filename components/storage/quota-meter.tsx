import type { StorageFigures } from "@/lib/data/storage";
import { formatBytes } from "@/lib/format";

/** Past this share of the quota the meter turns amber (the point at which owners are warned). */
const WARN_AT = 0.8;

/**
 * A namespace's storage against its effective quota (its own, set by an operator in Admin → Storage,
 * else the site default of Admin → Settings; `source` says which): a bar, the
 * share, and what happens at the limit. Nothing while there is no quota; while the figures are
 * being counted it waits for them rather than show a share of a partial sum.
 */
export function QuotaMeter({
  storage,
  quotaBytes,
  source,
}: {
  storage: StorageFigures;
  quotaBytes: number | null;
  source?: "site" | "namespace";
}) {
  if (quotaBytes === null || storage.calculating) return null;
  const share = storage.uniqueBytes / quotaBytes;
  const tone = share >= 1 ? "bg-red-600" : share >= WARN_AT ? "bg-amber-500" : "bg-brand-600";
  return (
    <div className="mt-4" data-testid="quota-meter" data-level={share >= 1 ? "full" : share >= WARN_AT ? "warn" : "ok"}>
      <p className="text-sm text-slate-700">
        <span className="font-medium">{formatBytes(storage.uniqueBytes)}</span> of{" "}
        <span className="font-medium">{formatBytes(quotaBytes)}</span> quota used ({Math.floor(share * 100)} %)
        {source ? (
          <span className="text-slate-500" data-testid="quota-source">
            {source === "namespace" ? " · set for this namespace by an operator" : " · the site default"}
          </span>
        ) : null}
      </p>
      <div
        className="mt-1.5 h-2 w-full overflow-hidden rounded-full bg-slate-100"
        role="meter"
        aria-label="Storage quota used"
        aria-valuemin={0}
        aria-valuemax={quotaBytes}
        aria-valuenow={Math.min(storage.uniqueBytes, quotaBytes)}
      >
        <div className={`h-full ${tone}`} style={{ width: `${Math.min(100, share * 100)}%` }} />
      </div>
      <p className="mt-1 text-xs text-slate-500">
        {share >= 1
          ? "The quota is full: pushes that add layers are refused (403 DENIED) until tags are deleted. Pushes of images already stored still work."
          : share >= WARN_AT
            ? "Nearly full: a push past the quota is refused, and the tag stays where it was."
            : "A push that would go past the quota is refused, and the tag stays where it was."}
      </p>
    </div>
  );
}
