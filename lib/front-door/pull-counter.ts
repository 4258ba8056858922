import { schedulePullRollup } from "@/lib/jobs/pull-rollup";
import { queuePulls, type ServedPull } from "@/lib/services/registry-event/queue-pulls";

/**
 * Counts the pulls the front door serves, exactly: a manifest GET's answer is held until its pull
 * is committed to the database, so a pull is either counted or not served (a console crash loses
 * no count a client was given an image for; a database crash can lose the last moment's, see
 * queuePulls). Commits are grouped: while one batch is being written, the
 * pulls arriving meanwhile wait for the next, so the database sees one statement per round trip
 * however many clients pull at once, and an idle door adds a single round trip to a GET.
 */
export type PullCounter = {
  /** Resolves once the pull is committed (queued for the counters); rejects when it could not be. */
  count: (pull: Omit<ServedPull, "resolvedFrom" | "at">, client: string) => Promise<void>;
  /** Remembers the tag a client resolved to a digest with HEAD, to attribute its GET by digest. */
  resolved: (client: string, repository: string, tag: string, digest: string) => void;
};

/** The most pulls one statement carries. */
const MAX_BATCH = 5000;
/** How long a HEAD's tag → digest answer attributes the same client's GET of that digest. */
const RESOLVED_TTL_MS = 60_000;
const MAX_RESOLVED = 50_000;

type Waiting = { pull: ServedPull; resolve: () => void; reject: (err: unknown) => void };

export function createPullCounter(write: (pulls: ServedPull[]) => Promise<number> = queuePulls): PullCounter {
  let waiting: Waiting[] = [];
  let writing = false;
  let resolvedTags = new Map<string, { tag: string; at: number }>();

  const flush = async (): Promise<void> => {
    if (writing || waiting.length === 0) return;
    writing = true;
    const batch = waiting.slice(0, MAX_BATCH);
    waiting = waiting.slice(batch.length);
    try {
      const queued = await write(batch.map((w) => w.pull));
      for (const w of batch) w.resolve();
      if (queued > 0) schedulePullRollup();
    } catch (err) {
      for (const w of batch) w.reject(err);
    } finally {
      writing = false;
      // At the end of this turn of the event loop, not now: the requests read in this turn join
      // the next statement (fewer, larger statements per pull under load; no added wait when idle).
      if (waiting.length > 0) setImmediate(() => void flush());
    }
  };

  return {
    count(pull, client) {
      const key = `${client}\u0000${pull.repository}\u0000${pull.reference}`;
      const hint = pull.byDigest ? resolvedTags.get(key) : undefined;
      // One HEAD resolves one GET: a later GET of the digest without a HEAD picks its tag itself.
      if (hint) resolvedTags.delete(key);
      const resolvedFrom = hint && Date.now() - hint.at < RESOLVED_TTL_MS ? hint.tag : null;
      return new Promise<void>((resolve, reject) => {
        waiting.push({ pull: { ...pull, resolvedFrom, at: Date.now() }, resolve, reject });
        // Pulls that arrive in the same tick go in one statement.
        if (!writing && waiting.length === 1) setImmediate(() => void flush());
      });
    },
    resolved(client, repository, tag, digest) {
      // Bounded: a full map starts over (a lost hint only means a GET by digest picks a tag itself).
      if (resolvedTags.size >= MAX_RESOLVED) resolvedTags = new Map();
      resolvedTags.set(`${client}\u0000${repository}\u0000${digest}`, { tag, at: Date.now() });
    },
  };
}
