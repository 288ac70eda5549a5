import { performance } from 'node:perf_hooks';
import { LruMap, openNotificationFeed, type NotificationFeed } from '@org/db';
import type { Sql } from 'postgres';
import type { ApiKeyRecord } from './api-key-record.js';
import { resolveApiKeyStore, type ApiKeyContext } from './api-key-store.js';

/** The channel the database announces key changes on (migration 0004): `k:<hash>`, `p:<project>`. */
export const API_KEY_CHANGES_CHANNEL = 'api_key_changes';

export interface ApiKeyCacheOptions {
  /**
   * The most a cached answer may lag the database, in ms (default 1000): a process serves
   * from its cache only while its own heartbeat came back through the database's
   * notifications within this time. Heartbeats go every quarter of it.
   */
  staleAfterMs?: number;
  /** How long a key found in the database is reused (default 30 s); the notifications end it sooner. */
  freshMs?: number;
  /** How long a key the database does not have is remembered as unknown (default 2 s). */
  unknownFreshMs?: number;
  /** Keys found in the database kept at most (default 10,000), least recently used forgotten first. */
  maxKeys?: number;
  /** Unknown keys kept at most (default 1,000), apart from known ones. */
  maxUnknownKeys?: number;
}

export interface ApiKeyCacheStats {
  /** Verifications answered from memory. */
  hits: number;
  /** Verifications that asked the database (not cached, no longer fresh, or the cache not trusted). */
  misses: number;
  keys: number;
  unknownKeys: number;
  /** Whether answers come from memory now (see {@link ApiKeyCache.trusted}). */
  trusted: boolean;
}

/**
 * Verified keys kept in memory, for `verifyApiKey(key, { cache }, store)`. An entry is the
 * key's row as the database last said; every answer is still judged on each call (expiry,
 * scopes), so a key expiring or a rotation's grace ending needs no message.
 *
 * Staleness: the database announces every change of a key or a suspension on
 * {@link API_KEY_CHANGES_CHANNEL} (triggers, so every writer does), and this cache drops
 * what a message names. It answers from memory only while its `NotificationFeed` (`@org/db`)
 * is trusted: every change committed more than `staleAfterMs` ago has reached it. A cut or
 * slow notification connection (a partition, a stalled server) therefore stops cached
 * answers within that bound, and every verification goes to the database (which, cut off
 * too, answers `unavailable`) until the feed catches up; the cache then starts empty, since
 * messages may have been lost with the connection.
 *
 * Memory: two LRU maps, known keys and unknown ones apart, so a flood of made-up keys
 * pushes out only other made-up keys.
 */
export class ApiKeyCache {
  private readonly known: LruMap<string, { record: ApiKeyRecord; until: number }>;
  private readonly unknown: LruMap<string, number>;
  private readonly freshMs: number;
  private readonly unknownFreshMs: number;
  /** Changes when anything is dropped: a lookup that started before it must not store its answer. */
  private epoch = 0;
  private hitCount = 0;
  private missCount = 0;
  private feed: NotificationFeed | undefined;

  /** Use {@link openApiKeyCache}. */
  private constructor(options: ApiKeyCacheOptions) {
    this.freshMs = positive(options.freshMs, 30_000, 'freshMs');
    this.unknownFreshMs = positive(options.unknownFreshMs, 2000, 'unknownFreshMs');
    this.known = new LruMap(positive(options.maxKeys, 10_000, 'maxKeys'));
    this.unknown = new LruMap(positive(options.maxUnknownKeys, 1000, 'maxUnknownKeys'));
  }

  /** @internal Opens a cache on `sql`: see {@link openApiKeyCache}. */
  static async open(sql: Sql, options: ApiKeyCacheOptions): Promise<ApiKeyCache> {
    const cache = new ApiKeyCache(options);
    cache.feed = await openNotificationFeed(sql, API_KEY_CHANGES_CHANNEL, {
      ...(options.staleAfterMs !== undefined && { staleAfterMs: options.staleAfterMs }),
      onMessage: (payload) => cache.hear(payload),
      onGap: () => cache.drop(),
    });
    return cache;
  }

  /** Whether answers come from memory now: every change committed more than `staleAfterMs` ago has arrived. */
  get trusted(): boolean {
    return this.feed?.trusted ?? false;
  }

  /** Counters for a metric. */
  stats(): ApiKeyCacheStats {
    return {
      hits: this.hitCount,
      misses: this.missCount,
      keys: this.known.size,
      unknownKeys: this.unknown.size,
      trusted: this.trusted,
    };
  }

  /** Stops listening; the cache then answers nothing from memory. */
  async close(): Promise<void> {
    await this.feed?.close();
    this.drop();
  }

  /**
   * Drops the key `keyId` at once, for the process that just changed it (revoked or rotated
   * it, say): its own next verification then reads the change instead of waiting for the
   * database's message, which every other process gets within `staleAfterMs`.
   */
  forgetKey(keyId: string): void {
    this.epoch++;
    for (const [hash, entry] of [...this.known]) if (entry.record.id === keyId) this.known.delete(hash);
  }

  /**
   * @internal For verifyApiKey: the record of the key with SHA-256 `hash`, null when it is
   * known not to exist, undefined when the database must be asked.
   */
  lookup(hash: string): ApiKeyRecord | null | undefined {
    if (!this.trusted) return this.miss();
    const now = performance.now();
    const known = this.known.get(hash);
    if (known !== undefined) return known.until > now ? this.hit(known.record) : this.miss();
    const unknownUntil = this.unknown.get(hash);
    return unknownUntil !== undefined && unknownUntil > now ? this.hit(null) : this.miss();
  }

  /** @internal A mark to pass to {@link remember}: the database is about to be asked. */
  mark(): number {
    return this.epoch;
  }

  /** @internal Keeps the database's answer, unless something was dropped since `mark`. */
  remember(hash: string, record: ApiKeyRecord | null, mark: number): void {
    if (mark !== this.epoch || !this.trusted) return;
    const now = performance.now();
    if (record === null) {
      this.unknown.set(hash, now + this.unknownFreshMs);
    } else {
      this.unknown.delete(hash);
      this.known.set(hash, { record, until: now + this.freshMs });
    }
  }

  private hit<T>(answer: T): T {
    this.hitCount++;
    return answer;
  }

  private miss(): undefined {
    this.missCount++;
    return undefined;
  }

  private hear(payload: string): void {
    if (payload.startsWith('k:')) {
      this.epoch++;
      this.known.delete(payload.slice(2));
      this.unknown.delete(payload.slice(2));
    } else if (payload.startsWith('p:')) {
      this.epoch++;
      const projectId = payload.slice(2);
      for (const [hash, entry] of [...this.known]) if (entry.record.projectId === projectId) this.known.delete(hash);
    }
  }

  private drop(): void {
    this.epoch++;
    this.known.clear();
    this.unknown.clear();
  }
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0)
    throw new TypeError(`ApiKeyCache: ${name} must be a positive number of ms`);
  return value;
}

/**
 * Opens a verified-key cache on a store's pool (a store from `createApiKeyStore`, or the
 * control plane's `DbContext`; not a transaction) and starts listening; pass it to
 * `verifyApiKey(key, { cache }, store)` with the same store. Needs migration 0004 (run
 * `migrate`), and one more connection for the notifications. `close()` it before the store.
 */
export async function openApiKeyCache(ctx: ApiKeyContext, options: ApiKeyCacheOptions = {}): Promise<ApiKeyCache> {
  const { sql } = resolveApiKeyStore(ctx);
  if (typeof (sql as Partial<Sql>).listen !== 'function') {
    throw new TypeError('openApiKeyCache needs a store with a pool of its own, not a transaction');
  }
  return ApiKeyCache.open(sql as Sql, options);
}
