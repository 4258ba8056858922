import type { StorageFigures } from "@/lib/data/storage";
import { formatBytes, formatCount } from "@/lib/format";

/**
 * What a repository or namespace keeps stored, from the storage counters: the distinct bytes, and
 * beside them the sum over tags (each tag's full image), whose difference is what sharing saves.
 * While images are being described, or the latest changes counted, it says so instead of showing
 * a figure that leaves them out.
 */
export function StorageFigure({ storage, scope }: { storage: StorageFigures; scope: "repository" | "namespace" }) {
  if (storage.calculating) {
    return (
      <div data-testid="storage-figure" data-state="calculating">
        <p className="text-lg font-semibold text-slate-500">Calculating…</p>
        <p className="mt-1 text-xs text-slate-500">
          {storage.pendingTags > 0
            ? `${formatCount(storage.pendingTags, "tag")} pushed moments ago ${storage.pendingTags === 1 ? "is" : "are"} still being described.`
            : "Counting the latest pushes and deletions."}
        </p>
      </div>
    );
  }
  const shared = storage.taggedBytes > storage.uniqueBytes;
  return (
    <div data-testid="storage-figure" data-state="ready">
      <p className="text-sm">
        <span className="text-lg font-semibold" data-testid="storage-unique">
          {formatBytes(storage.uniqueBytes)}
        </span>{" "}
        stored
        {storage.taggedBytes > 0 ? (
          <span className="text-slate-600" data-testid="storage-tagged">
            {" "}
            · {formatBytes(storage.taggedBytes)} across tags{shared ? " (layers shared)" : ""}
          </span>
        ) : null}
      </p>
      <p className="mt-1 text-xs text-slate-500">
        {storage.taggedBytes === 0
          ? scope === "repository"
            ? "Nothing pushed yet."
            : "No images pushed yet."
          : `Manifests, configs and layers, each counted once${scope === "namespace" ? " across every repository, private ones included" : ""}. "Across tags" adds up every tag's full image, as if nothing were shared.`}
      </p>
    </div>
  );
}
