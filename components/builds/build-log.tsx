"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { TextLink } from "@/components/ui/text-link";
import type { BuildView } from "@/lib/data/builds";
import { BuildStatusBadge } from "./build-facts";

/** What the page keeps in the DOM: the end of a bigger log (the raw log has all of it). */
const MAX_RENDERED_CHARS = 2 * 1024 * 1024;
const BOTTOM_SLACK_PX = 24;

type Link = "connecting" | "open" | "retrying" | "ended";

/**
 * A build's log, live: an EventSource on the log route (server-sent events, resumed by the
 * browser after the last piece it got) appends each piece as a text node, keeps the last 2 MB in
 * the page, and follows the end while the reader is at the bottom. Status changes and the end
 * re-render the page (router.refresh) so the record around the log moves on too.
 */
export function BuildLog({ src, initialStatus }: { src: string; initialStatus: BuildView["status"] }) {
  const router = useRouter();
  const pre = useRef<HTMLPreElement>(null);
  const atBottom = useRef(true);
  const [status, setStatus] = useState(initialStatus);
  const [link, setLink] = useState<Link>("connecting");
  const [empty, setEmpty] = useState(true);
  const [trimmed, setTrimmed] = useState(false);

  useEffect(() => {
    const el = pre.current;
    if (!el) return;
    let rendered = 0;
    let seen = false;
    let shown = initialStatus;
    const es = new EventSource(src);
    const append = (text: string) => {
      if (!text) return;
      el.appendChild(document.createTextNode(text));
      rendered += text.length;
      // Whole pieces leave from the top; the newest stays.
      while (rendered > MAX_RENDERED_CHARS && el.firstChild && el.firstChild !== el.lastChild) {
        rendered -= el.firstChild.textContent?.length ?? 0;
        el.removeChild(el.firstChild);
        setTrimmed(true);
      }
      if (!seen) {
        seen = true;
        setEmpty(false);
      }
      if (atBottom.current) el.scrollTop = el.scrollHeight;
    };
    es.onopen = () => setLink("open");
    es.onmessage = (e: MessageEvent<string>) => append(JSON.parse(e.data) as string);
    es.onerror = () => setLink(es.readyState === EventSource.CLOSED ? "ended" : "retrying");
    es.addEventListener("status", (e) => {
      const next = (JSON.parse((e as MessageEvent<string>).data) as { status: BuildView["status"] }).status;
      if (next === shown) return;
      shown = next;
      setStatus(next);
      router.refresh();
    });
    es.addEventListener("end", () => {
      es.close();
      setLink("ended");
      router.refresh();
    });
    return () => es.close();
    // The status it starts from is the page's; later ones come from the stream.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [src, router]);

  const onScroll = () => {
    const el = pre.current;
    if (el) atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < BOTTOM_SLACK_PX;
  };
  return (
    <div className="space-y-2" data-testid="build-log">
      <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
        <p className="flex items-center gap-2 text-slate-600" data-testid="build-log-status" aria-live="polite">
          <BuildStatusBadge status={status} />
          {link === "connecting" ? "Connecting…" : null}
          {link === "open" ? "Following the log as it is written." : null}
          {link === "retrying" ? "Connection lost: reconnecting…" : null}
          {link === "ended" ? "The log is complete." : null}
        </p>
        <span className="flex gap-4">
          <TextLink href={src} prefetch={false} target="_blank">
            Raw log
          </TextLink>
          <TextLink href={`${src}?download=1`} prefetch={false}>
            Download log
          </TextLink>
        </span>
      </div>
      {trimmed ? (
        <p className="text-xs text-slate-500" data-testid="build-log-trimmed">
          Only the last 2 MB are shown here; the raw log has all of it.
        </p>
      ) : null}
      <div className="relative">
        <pre
          ref={pre}
          onScroll={onScroll}
          tabIndex={0}
          aria-label="Build log"
          data-testid="build-log-text"
          className="max-h-[70vh] min-h-40 overflow-auto rounded-lg border border-terminal-line bg-terminal p-4 font-mono text-xs leading-5 break-words whitespace-pre-wrap text-terminal-fg"
        />
        {empty ? (
          <p className="pointer-events-none absolute inset-x-4 top-4 font-mono text-xs text-terminal-muted">
            {link === "ended" ? "This build wrote no log." : "Waiting for output…"}
          </p>
        ) : null}
      </div>
    </div>
  );
}
