/** A small LRU keyed by content digest: entries never go stale, only out of room. */
export class DigestCache<T> {
  private readonly map = new Map<string, T>();

  constructor(private readonly max: number) {}

  get(digest: string): T | undefined {
    const value = this.map.get(digest);
    if (value !== undefined) {
      this.map.delete(digest);
      this.map.set(digest, value);
    }
    return value;
  }

  set(digest: string, value: T): void {
    this.map.delete(digest);
    this.map.set(digest, value);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value as string);
  }
}
