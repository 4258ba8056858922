import { EventEmitter } from "node:events";

/**
 * News of builds run by this console process, for the live logs it streams: "a piece of the log
 * was stored", "the build ended", "cancel it". Only a nudge: the pieces themselves are read from
 * the database (lib/data/builds.ts), so a browser on another console process, which polls
 * instead, sees the same log. On globalThis: one feed per process, whichever module copy asks.
 */
export type BuildNews = { kind: "log"; seq: number } | { kind: "ended" } | { kind: "cancel" };

const g = globalThis as unknown as { __buildFeed?: EventEmitter };
function feed(): EventEmitter {
  if (!g.__buildFeed) {
    g.__buildFeed = new EventEmitter();
    // Every open live log listens; there is no fixed bound on them.
    g.__buildFeed.setMaxListeners(0);
  }
  return g.__buildFeed;
}

export function publishBuildNews(buildId: string, news: BuildNews): void {
  feed().emit(buildId, news);
}

/** Listens to one build's news; returns the function that stops listening. */
export function onBuildNews(buildId: string, listener: (news: BuildNews) => void): () => void {
  feed().on(buildId, listener);
  return () => feed().off(buildId, listener);
}
