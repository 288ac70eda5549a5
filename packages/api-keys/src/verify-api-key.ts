import type { ApiKeyCache } from './api-key-cache.js';
import { parseApiKey } from './api-key-format.js';
import { resolveApiKeyStore, type ApiKeyConnection, type ApiKeyContext } from './api-key-store.js';
import { LAST_USED_RESOLUTION_MS, type ApiKeyScope } from './api-key-limits.js';
import { hashApiKey } from './hash-api-key.js';
import { lookUpKey } from './look-up-key.js';
import { withinLimit } from './within-limit.js';

/**
 * Why a key is refused. `rotated`: replaced by a rotation whose grace period is over.
 * `suspended`: the key's project is suspended (`suspendApiKeys`); it comes back on resume.
 * `deleted`: the key's project is deleted, recoverably (`setApiKeysDeleted`); it comes back on recovery.
 * `unavailable`: the key store did not answer within the time limit
 * (or the caller aborted); the key was not judged, so a service should answer 503, not 401.
 */
export type VerifyFailureReason =
  | 'malformed'
  | 'not_found'
  | 'revoked'
  | 'rotated'
  | 'expired'
  | 'suspended'
  | 'deleted'
  | 'insufficient_scope'
  | 'unavailable';

/**
 * A refusal names the key (`keyId`) when the key was found: revoked, rotated, expired or
 * lacking a scope. An `unavailable` one carries the database's `error` when there was one (not for a
 * timeout or an abort), for the service's log.
 */
export type VerifyResult =
  | { valid: true; key: { id: string; projectId: string; scopes: ApiKeyScope[] } }
  | { valid: false; reason: VerifyFailureReason; keyId?: string; error?: unknown };

/** How long a verification waits for the database by default: a request path must not hang. */
export const VERIFY_TIMEOUT_MS = 2000;

export interface VerifyOptions {
  /** Every one of these scopes must be on the key. */
  requiredScopes?: readonly ApiKeyScope[];
  /** The clock, for tests of expiry and rotation. */
  now?: () => Date;
  /**
   * Told when the `last_used` write fails. The write runs after the answer, off the request
   * path: a valid key stays valid whatever happens to it. Failures are also counted in
   * {@link apiKeyUsageWriteFailures}.
   */
  onUsageWriteError?: (error: unknown, keyId: string) => void;
  /** Answer `unavailable` after this long without the database's answer (default {@link VERIFY_TIMEOUT_MS}). */
  timeoutMs?: number;
  /** Answer `unavailable` as soon as this aborts (the request was cancelled). */
  signal?: AbortSignal;
  /**
   * Answer from this cache while it holds the key and is trusted (`openApiKeyCache` on the
   * same store; its README section says how stale an answer can be).
   */
  cache?: ApiKeyCache;
}

// When each key's last_used was last written by this process: concurrent verifications of
// one key then write once, not once each.
const lastUsedWrites = new Map<string, number>();
let usageWriteFailures = 0;

/** How many `last_used` writes of this process have failed (for a metric). */
export function apiKeyUsageWriteFailures(): number {
  return usageWriteFailures;
}

/**
 * Checks a presented key: shape and checksum first (a malformed key costs no query), then
 * one indexed lookup by hash (shared with the verifications queued beside it when the pool
 * is busy: `lookUpKey`), or none while `options.cache` holds the key. Never accepts a
 * revoked, expired, rotated-out, suspended or deleted key (with a cache: one changed more than its
 * `staleAfterMs` ago). `last_used` is written at most once a minute per key and process,
 * after the answer and without delaying it.
 */
export async function verifyApiKey(
  key: string,
  options: VerifyOptions = {},
  ctx?: ApiKeyContext,
): Promise<VerifyResult> {
  if (parseApiKey(key) === undefined) return { valid: false, reason: 'malformed' };
  const store = resolveApiKeyStore(ctx);
  if (options.signal?.aborted) return { valid: false, reason: 'unavailable' };
  const hash = hashApiKey(key);
  const { cache } = options;
  let record = cache?.lookup(hash);
  if (record === undefined) {
    const mark = cache?.mark() ?? 0;
    const answer = await withinLimit(
      lookUpKey(store.sql, hash),
      options.timeoutMs ?? VERIFY_TIMEOUT_MS,
      options.signal,
    );
    if (answer === undefined) return { valid: false, reason: 'unavailable' };
    if ('error' in answer) return { valid: false, reason: 'unavailable', error: answer.error };
    record = answer.rows;
    cache?.remember(hash, record, mark);
  }
  if (record === null) return { valid: false, reason: 'not_found' };
  if (record.revoked) return { valid: false, reason: 'revoked', keyId: record.id };
  const now = options.now?.() ?? new Date();
  if (record.expiresAt !== null && record.expiresAt <= now.getTime()) {
    return { valid: false, reason: record.rotated ? 'rotated' : 'expired', keyId: record.id };
  }
  if (record.held !== null) return { valid: false, reason: record.held, keyId: record.id };
  const { scopes } = record;
  if (options.requiredScopes?.some((scope) => !scopes.includes(scope))) {
    return { valid: false, reason: 'insufficient_scope', keyId: record.id };
  }
  touchLastUsed(record.id, record.lastUsed, now, store, options.onUsageWriteError);
  return { valid: true, key: { id: record.id, projectId: record.projectId, scopes } };
}

function touchLastUsed(
  id: string,
  lastUsed: number | null,
  now: Date,
  store: Pick<ApiKeyConnection, 'sql'>,
  onError: VerifyOptions['onUsageWriteError'],
): void {
  const known = Math.max(lastUsed ?? 0, lastUsedWrites.get(id) ?? 0);
  if (now.getTime() - known < LAST_USED_RESOLUTION_MS) return;
  lastUsedWrites.set(id, now.getTime());
  if (lastUsedWrites.size > 100_000) lastUsedWrites.clear();
  store.sql`update control_plane.api_keys set last_used = ${now.toISOString()}::timestamptz where id = ${id}`.then(
    () => undefined,
    (error: unknown) => {
      usageWriteFailures++;
      // Let a later verification try again rather than wait out the resolution.
      lastUsedWrites.delete(id);
      onError?.(error, id);
    },
  );
}
