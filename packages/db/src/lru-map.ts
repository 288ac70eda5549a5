/**
 * A map of at most `limit` entries that forgets the least recently used one first (a
 * JavaScript `Map` keeps insertion order: a read moves its entry to the end). For the
 * per-process memory that callers can grow (key and token checks, rate-limit buckets,
 * project owners): a flood of new keys pushes out old, idle ones, never the busy ones, and
 * never everything at once.
 */
export class LruMap<Key, Value> {
  private readonly entries = new Map<Key, Value>();
  // The key read or written last, which is last already if it is still here: reading or
  // writing it again moves nothing (a key no longer here is appended by `set` anyway). A
  // process's hot keys are few (one admin token, one caller's address): most reads are of it.
  private newest: Key | undefined;

  constructor(private readonly limit: number) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: Key): Value | undefined {
    const value = this.entries.get(key);
    if (value !== undefined && key !== this.newest) {
      this.entries.delete(key);
      this.entries.set(key, value);
      this.newest = key;
    }
    return value;
  }

  set(key: Key, value: Value): void {
    if (key !== this.newest) this.entries.delete(key);
    this.entries.set(key, value);
    this.newest = key;
    if (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value as Key);
  }

  delete(key: Key): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  /** Every entry, least recently used first (reading them does not count as a use). */
  [Symbol.iterator](): IterableIterator<[Key, Value]> {
    return this.entries[Symbol.iterator]();
  }
}
