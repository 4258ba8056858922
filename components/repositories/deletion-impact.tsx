"use client";

import { useQuery } from "@tanstack/react-query";
import { formatBytes } from "@/lib/format";
import { queryKeys } from "@/lib/query-keys";

type Impact = { repositoryBytes: number; namespaceBytes: number; siteBytes: number; calculating: boolean };

async function fetchImpact(namespace: string, name: string, tags: readonly string[] | null): Promise<Impact> {
  const query = tags === null ? "" : `?tags=${encodeURIComponent(tags.join(","))}`;
  const res = await fetch(`/api/repositories/${namespace}/${encodeURIComponent(name)}/deletion-impact${query}`, {
    cache: "no-store",
  });
  if (!res.ok) throw new Error(`Could not work out the storage freed (${res.status})`);
  return (await res.json()) as Impact;
}

/**
 * In a delete dialog: how many bytes the deletion frees, asked when the dialog opens (the storage
 * figures' counters, lib/data/storage.ts): from the repository, from its namespace (what its quota
 * counts), and at most from disk once garbage collection runs. Layers that other tags or
 * repositories still use are not freed, which is why the three can differ.
 */
export function DeletionImpact({
  namespace,
  name,
  tags,
}: {
  namespace: string;
  name: string;
  /** null: the whole repository. */
  tags: readonly string[] | null;
}) {
  const { data, isPending, isError } = useQuery({
    queryKey: queryKeys.deletionImpact(`${namespace}/${name}`, tags),
    queryFn: () => fetchImpact(namespace, name, tags),
    staleTime: 0,
    // Tags pushed moments ago are still being counted: ask again until the figures are final.
    refetchInterval: (query) => (query.state.data?.calculating ? 1000 : false),
  });
  const box = "mt-3 rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700";
  if (isPending)
    return (
      <p className={box} data-testid="deletion-impact" aria-live="polite">
        Working out how much storage this frees…
      </p>
    );
  if (isError)
    return (
      <p className={box} data-testid="deletion-impact" aria-live="polite">
        Could not work out how much storage this frees. Deleting still works.
      </p>
    );
  const shared = data.namespaceBytes < data.repositoryBytes || data.siteBytes < data.namespaceBytes;
  return (
    <p className={box} data-testid="deletion-impact" aria-live="polite">
      Frees <strong data-testid="deletion-impact-repository">{formatBytes(data.repositoryBytes)}</strong> of {namespace}
      /{name}&apos;s storage and{" "}
      <strong data-testid="deletion-impact-namespace">{formatBytes(data.namespaceBytes)}</strong> of {namespace}&apos;s;
      up to <strong data-testid="deletion-impact-disk">{formatBytes(data.siteBytes)}</strong> on disk after garbage
      collection.
      {shared ? " Layers that other tags or repositories still use stay." : null}
      {data.calculating ? " Some of these tags are still being counted, so this may be low; it updates." : null}
    </p>
  );
}
