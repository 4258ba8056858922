import "server-only";
import { eq, sql } from "drizzle-orm";
import { transaction } from "@/db";
import { buildLogChunks, builds } from "@/db/schema";
import { publishBuildNews } from "@/lib/builds/log-feed";

const FLUSH_BYTES = 64 * 1024;
const FLUSH_MS = 200;
const MAX_PIECE_BYTES = 1024 * 1024;

/**
 * A running build's log, stored as it comes: a piece every 200 ms or 64 KB (at most 1 MB), so
 * a browser following the build sees its output within a fraction of a second, and the log is
 * never held whole. Pieces are written one after another, in order; `close` waits for the last.
 */
export class BuildLogWriter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private seq = 0;
  private timer: NodeJS.Timeout | null = null;
  private chain: Promise<void> = Promise.resolve();
  private failed: unknown = null;

  constructor(private readonly buildId: string) {}

  write(text: string): void {
    const data = Buffer.from(text);
    this.pending.push(data);
    this.pendingBytes += data.length;
    if (this.pendingBytes >= FLUSH_BYTES) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), FLUSH_MS);
  }

  /** Stores what is pending (in order after earlier pieces). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.pendingBytes > 0) {
      const piece = this.take();
      this.chain = this.chain.then(() => this.store(piece));
    }
    return this.chain;
  }

  /** Flushes, and tells whether every piece was stored (a database outage loses log, not the build). */
  async close(): Promise<boolean> {
    await this.flush();
    return this.failed === null;
  }

  private take(): Buffer {
    const parts: Buffer[] = [];
    let size = 0;
    while (this.pending.length > 0 && size + this.pending[0]!.length <= MAX_PIECE_BYTES) {
      const next = this.pending.shift()!;
      parts.push(next);
      size += next.length;
    }
    if (parts.length === 0) {
      // One write larger than a piece: split it.
      const big = this.pending.shift()!;
      parts.push(big.subarray(0, MAX_PIECE_BYTES));
      this.pending.unshift(big.subarray(MAX_PIECE_BYTES));
      size = MAX_PIECE_BYTES;
    }
    this.pendingBytes -= size;
    return Buffer.concat(parts, size);
  }

  private async store(data: Buffer): Promise<void> {
    const seq = ++this.seq;
    try {
      await transaction(async (tx) => {
        await tx.insert(buildLogChunks).values({ buildId: this.buildId, seq, data });
        await tx
          .update(builds)
          .set({ logBytes: sql`${builds.logBytes} + ${data.length}` })
          .where(eq(builds.id, this.buildId));
      });
      publishBuildNews(this.buildId, { kind: "log", seq });
    } catch (err) {
      this.failed = err;
    }
  }
}
