"use client";

import { useId, useState, type ReactNode } from "react";
import { CopyField } from "@/components/ui/copy-field";
import { Select } from "@/components/ui/field";
import { PULL_CLIENTS, pullCommand, type PullClient } from "./pull-commands";

// The digest is null when neither the index nor the registry could say (the registry is down).
// In the narrow sidebar, wrap commands at their spaces first (CopyField breaks at any character), so
// `docker pull` stays whole and only the long reference breaks, where it must.
const WRAP_AT_SPACES = "[&_code]:[overflow-wrap:anywhere] [&_code]:[word-break:normal]";

export type PullTagOption = { name: string; digest: string | null };

/**
 * The one way the console shows how to pull an image: a tag that exists (the caller picks the
 * default with defaultPullTag), a client switch (docker, podman, skopeo) and a pinned-digest form,
 * all on the client since they only change the text. The command sits in a CopyField, which wraps
 * instead of truncating, and its copy button's accessible name carries the whole command.
 *
 * With no tags it says nothing has been pushed and, for people who may push, how to.
 */
export function PullCommand({
  image,
  tags,
  initialTag,
  plainHttp,
  pushHost,
}: {
  image: string;
  /** Newest first; one entry hides the picker (the tag page names its own tag). */
  tags: PullTagOption[];
  initialTag: string | null;
  plainHttp: boolean;
  /** The registry host for `docker login`, when the viewer may push (shown only with no tags). */
  pushHost?: string | null;
}) {
  const id = useId();
  const [client, setClient] = useState<PullClient>("docker");
  const [pinned, setPinned] = useState(false);
  const [tagName, setTagName] = useState(initialTag ?? tags[0]?.name ?? "");
  const tag = tags.find((t) => t.name === tagName) ?? tags[0];

  if (!tag) {
    return (
      <div className={`space-y-3 text-sm text-slate-600 ${WRAP_AT_SPACES}`} data-testid="pull-command-empty">
        <p>Nothing has been pushed to this repository yet, so there is nothing to pull.</p>
        {pushHost ? (
          <>
            <p>Push an image first:</p>
            <CopyField command value={`docker login ${pushHost}`} />
            <CopyField command value={`docker tag my-image ${image}:latest`} />
            <CopyField command value={`docker push ${image}:latest`} />
          </>
        ) : null}
      </div>
    );
  }

  const pin = pinned && tag.digest !== null;
  const command = pullCommand({ client, image, tag: tag.name, digest: pin ? tag.digest : null, plainHttp });
  return (
    <div className={`space-y-3 ${WRAP_AT_SPACES}`} data-testid="pull-command">
      <div className="flex flex-wrap items-end gap-x-4 gap-y-3">
        {tags.length > 1 ? (
          <div className="min-w-0 basis-full">
            <label htmlFor={`${id}-tag`} className="block text-xs font-medium text-slate-600">
              Tag
            </label>
            <Select
              id={`${id}-tag`}
              value={tag.name}
              onChange={(e) => setTagName(e.target.value)}
              className="mt-1 w-full font-mono"
            >
              {tags.map((t) => (
                <option key={t.name} value={t.name}>
                  {t.name}
                </option>
              ))}
            </Select>
          </div>
        ) : null}
        <Segmented label="Client">
          {PULL_CLIENTS.map((c) => (
            <SegmentButton key={c} pressed={client === c} onClick={() => setClient(c)}>
              {c}
            </SegmentButton>
          ))}
        </Segmented>
        {tag.digest !== null ? (
          <Segmented label="Pull by">
            <SegmentButton pressed={!pin} onClick={() => setPinned(false)}>
              By tag
            </SegmentButton>
            <SegmentButton pressed={pin} onClick={() => setPinned(true)}>
              By digest
            </SegmentButton>
          </Segmented>
        ) : null}
      </div>
      <CopyField command value={command} testId="pull-command-text" />
      {pin ? (
        <p className="text-xs text-slate-500">
          Pinned to the digest <span className="font-mono">{tag.name}</span> points at now: it pulls the same image even
          after the tag moves.
        </p>
      ) : null}
    </div>
  );
}

// A row of toggle buttons, one pressed (aria-pressed), named for screen readers by the group.
function Segmented({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div role="group" aria-label={label} className="inline-flex rounded-md ring-1 ring-slate-300">
      {children}
    </div>
  );
}

function SegmentButton({ pressed, onClick, children }: { pressed: boolean; onClick: () => void; children: ReactNode }) {
  const look = pressed ? "bg-ink text-surface" : "bg-surface text-slate-700 hover:bg-slate-50";
  return (
    <button
      type="button"
      aria-pressed={pressed}
      onClick={onClick}
      className={`px-2.5 py-1 text-xs font-medium first:rounded-l-md last:rounded-r-md ${look}`}
    >
      {children}
    </button>
  );
}
