/** One piece of build output: a tool's stdout/stderr chunk, or a line the engine writes itself. */
export type BuildLogEvent = { stream: "stdout" | "stderr" | "engine"; text: string };
export type OnBuildLog = (event: BuildLogEvent) => void;

export const DEFAULT_LOG_LIMIT_BYTES = 10 * 1024 * 1024;

/**
 * The build's log with a size cap. Output past the cap is dropped (the build goes on) and one notice says so,
 * so a runaway RUN step cannot fill the console's memory or disk. Secrets are replaced before anything leaves.
 */
export class BuildLog {
  private bytes = 0;
  private truncatedFlag = false;
  constructor(
    private readonly onLog: OnBuildLog | undefined,
    private readonly limitBytes: number,
    private readonly secrets: string[],
  ) {}

  get size(): number {
    return this.bytes;
  }
  get truncated(): boolean {
    return this.truncatedFlag;
  }

  engine(line: string): void {
    this.write("engine", `${line}\n`);
  }

  write(stream: BuildLogEvent["stream"], raw: string): void {
    if (this.truncatedFlag || raw.length === 0) return;
    let text = raw;
    for (const secret of this.secrets) if (secret) text = text.split(secret).join("***");
    const size = Buffer.byteLength(text);
    if (this.bytes + size > this.limitBytes) {
      const room = Math.max(0, this.limitBytes - this.bytes);
      const head = Buffer.from(text).subarray(0, room).toString("utf8");
      this.truncatedFlag = true;
      if (head) this.emit(stream, head);
      this.emit("engine", `\n[log truncated at ${this.limitBytes} bytes; the build goes on]\n`);
      this.bytes = this.limitBytes;
      return;
    }
    this.bytes += size;
    this.emit(stream, text);
  }

  private emit(stream: BuildLogEvent["stream"], text: string): void {
    try {
      this.onLog?.({ stream, text });
    } catch {
      // A listener that throws (a browser gone away) must not fail the build.
    }
  }
}
