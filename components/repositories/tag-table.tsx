"use client";

import { useActionState, useCallback, useEffect, useRef, useState } from "react";
import { deleteTagsAction } from "@/lib/actions/repository";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { TextLink } from "@/components/ui/text-link";
import { Time } from "@/components/ui/time";
import { FormMessage } from "@/components/forms/form-message";
import { DeleteTagsBar } from "@/components/repositories/delete-tags-bar";
import { initialFormState } from "@/lib/actions/form-state";
import { formatCount } from "@/lib/format";

/** A tag as the table shows it (sizes formatted on the server; times are ISO strings for <Time>). */
export type TagRow = {
  name: string;
  digest: string;
  pushedAtIso: string;
  pushedBy: string | null;
  lastPulledAtIso: string | null;
  pullCount: number;
  // Null while the indexer is still describing the digest (moments after a push).
  platforms: Array<{ label: string; size: string }> | null;
  /** The immutable tag rule matching this tag (`repositories "**", tags "v*"`), else null. */
  immutableRule: string | null;
};

// The rows' checkboxes (not the dialog's hidden inputs, which carry the same name); an immutable
// tag's is disabled and never selected, not even by "select all".
const ROW_BOXES = 'input[type="checkbox"][name="tags"]:not(:disabled)';

/** Tags with digest, platforms and sizes, pushes and pulls, and pull command; admins can select and delete. */
export function TagTable({
  namespace,
  name,
  host,
  tags,
  canDelete,
}: {
  namespace: string;
  name: string;
  host: string;
  tags: TagRow[];
  canDelete: boolean;
}) {
  const [state, action, pending] = useActionState(deleteTagsAction, initialFormState);
  const base = `/r/${namespace}/${name}/tags`;
  const rowsRef = useRef<HTMLDivElement>(null);
  const allRef = useRef<HTMLInputElement>(null);
  const [selected, setSelected] = useState<string[]>([]);

  // The row checkboxes stay uncontrolled (a click before hydration still counts): the selection is
  // read back from the table on every change, and the dialog posts the names it lists.
  const recount = useCallback(() => {
    const boxes = Array.from(rowsRef.current?.querySelectorAll<HTMLInputElement>(ROW_BOXES) ?? []);
    const checked = boxes.filter((b) => b.checked).map((b) => b.value);
    setSelected(checked);
    if (allRef.current) {
      allRef.current.checked = boxes.length > 0 && checked.length === boxes.length;
      allRef.current.indeterminate = checked.length > 0 && checked.length < boxes.length;
    }
  }, []);
  // On hydration and when the rows change (filter, page, tags just deleted). A refused deletion
  // keeps the selection, so the tags it names can be unticked and the rest sent again.
  useEffect(recount, [recount, tags]);

  function selectAll(on: boolean) {
    rowsRef.current?.querySelectorAll<HTMLInputElement>(ROW_BOXES).forEach((b) => (b.checked = on));
    recount();
  }

  return (
    <div ref={rowsRef} onChange={recount} className="space-y-4">
      <FormMessage state={state} />
      <Card padded={false}>
        <div className="relative overflow-x-auto">
          {/* Below md each row is a card (the cells stack); from md on, a table. */}
          <table className="block w-full text-left text-sm md:table" data-testid="tag-list">
            <thead className="hidden border-b border-slate-200 bg-slate-50 text-xs tracking-wide text-slate-500 uppercase md:table-header-group">
              <tr>
                {canDelete ? (
                  <th className="w-8 px-4 py-2">
                    <input
                      ref={allRef}
                      type="checkbox"
                      aria-label="Select all tags on this page"
                      data-testid="select-all-tags"
                      onChange={(e) => selectAll(e.currentTarget.checked)}
                    />
                  </th>
                ) : null}
                <th className="px-4 py-2 font-medium">Tag</th>
                <th className="px-4 py-2 font-medium">Digest</th>
                <th className="px-4 py-2 font-medium">OS/Arch · compressed size</th>
                <th className="px-4 py-2 font-medium">Last pulled</th>
                <th className="px-4 py-2 font-medium">Pull</th>
              </tr>
            </thead>
            <tbody className="block divide-y divide-slate-200 md:table-row-group">
              {tags.map((t) => {
                const pull = `docker pull ${host}/${namespace}/${name}:${t.name}`;
                return (
                  <tr
                    key={t.name}
                    data-testid="tag-item"
                    data-tag={t.name}
                    className="flex flex-wrap items-start gap-x-3 gap-y-2 px-4 py-3 align-top md:table-row md:p-0"
                  >
                    {canDelete ? (
                      <td className="pt-0.5 md:px-4 md:py-3">
                        {t.immutableRule ? (
                          <input
                            type="checkbox"
                            name="tags"
                            value={t.name}
                            disabled
                            aria-label={`${t.name} is immutable and cannot be deleted`}
                            title={`Immutable (rule: ${t.immutableRule}): it cannot be deleted while the rule exists`}
                            className="cursor-not-allowed"
                          />
                        ) : (
                          <input type="checkbox" name="tags" value={t.name} aria-label={`Select ${t.name}`} />
                        )}
                      </td>
                    ) : null}
                    <td className="min-w-0 flex-1 md:px-4 md:py-3">
                      <TextLink href={`${base}/${encodeURIComponent(t.name)}`} data-testid="tag-name">
                        {t.name}
                      </TextLink>
                      {t.immutableRule ? <ImmutableBadge rule={t.immutableRule} /> : null}
                      <p className="text-xs text-slate-500">
                        Pushed <Time value={t.pushedAtIso} />
                        {t.pushedBy ? <> by {t.pushedBy}</> : null}
                      </p>
                    </td>
                    <td className="w-full md:w-auto md:px-4 md:py-3">
                      <div className="flex items-center gap-2">
                        <code className="font-mono text-xs text-slate-600" title={t.digest} data-testid="tag-digest">
                          {t.digest.slice(7, 19)}
                        </code>
                        <CopyButton value={t.digest} label="Copy" />
                      </div>
                    </td>
                    <td className="w-full md:w-auto md:px-4 md:py-3" data-testid="tag-platforms">
                      {t.platforms === null ? (
                        <span className="text-xs text-slate-500">Reading manifest…</span>
                      ) : (
                        <ul className="space-y-0.5">
                          {t.platforms.map((p) => (
                            <li key={p.label} className="flex gap-3 text-xs" data-testid="tag-platform">
                              <span className="min-w-28 font-mono text-slate-700">{p.label}</span>
                              <span className="text-slate-500">{p.size}</span>
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                    <td className="flex w-full gap-2 text-xs text-slate-600 md:table-cell md:w-auto md:px-4 md:py-3">
                      <p className="before:mr-1 before:text-slate-500 before:content-['Last_pulled'] md:before:content-none">
                        {t.lastPulledAtIso ? <Time value={t.lastPulledAtIso} /> : "Never"}
                      </p>
                      <p className="text-slate-500" data-testid="tag-pull-count">
                        {formatCount(t.pullCount, "pull")}
                      </p>
                    </td>
                    <td className="w-full md:w-auto md:px-4 md:py-3">
                      <div className="flex items-center gap-2">
                        <code
                          className="min-w-0 flex-1 font-mono text-xs break-all text-slate-700 md:hidden xl:inline xl:max-w-72 xl:flex-none xl:truncate xl:break-normal"
                          title={pull}
                        >
                          {pull}
                        </code>
                        <CopyButton value={pull} label="Copy" />
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </Card>
      {canDelete ? (
        <DeleteTagsBar
          namespace={namespace}
          name={name}
          selected={selected}
          action={action}
          pending={pending}
          state={state}
        />
      ) : null}
    </div>
  );
}

/** The lock on an immutable tag; the rule that makes it so is in the tooltip and for screen readers. */
function ImmutableBadge({ rule }: { rule: string }) {
  const why = `Immutable (rule: ${rule}): it cannot be pushed over with another image or deleted`;
  return (
    <Badge tone="brand" className="ml-2 align-middle" title={why} data-testid="immutable-badge">
      <svg viewBox="0 0 16 16" aria-hidden="true" className="size-3 fill-current">
        <path d="M8 1a3.5 3.5 0 0 0-3.5 3.5V6H4a1.5 1.5 0 0 0-1.5 1.5v6A1.5 1.5 0 0 0 4 15h8a1.5 1.5 0 0 0 1.5-1.5v-6A1.5 1.5 0 0 0 12 6h-.5V4.5A3.5 3.5 0 0 0 8 1Zm2 5H6V4.5a2 2 0 1 1 4 0V6Z" />
      </svg>
      Immutable
      <span className="sr-only"> (rule: {rule})</span>
    </Badge>
  );
}
