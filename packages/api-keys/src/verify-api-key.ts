import { parseApiKey } from './api-key-format.js';
import { resolveApiKeyStore, type ApiKeyConnection, type ApiKeyContext } from './api-key-store.js';
import { LAST_USED_RESOLUTION_MS, type ApiKeyScope } from './api-key-limits.js';
import { hashApiKey } from './hash-api-key.js';

/**
 * Why a key is refused. `rotated`: replaced by a rotation whose grace period is over.
 * `suspended`: the key's project is suspended (`suspendApiKeys`); it comes back on resume.
 * `unavailable`: the key store did not answer within the time limit
 * (or the caller aborted); the key was not judged, so a service should answer 503, not 401.
 */
export type VerifyFailureReason =
  'malformed' | 'not_found' | 'revoked' | 'rotated' | 'expired' | 'suspended' | 'insufficient_scope' | 'unavailable';

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
}

// drizzle() installs pass-through parsers for timestamps on the pool it wraps, so raw
// queries on that pool see strings; time() accepts either.
interface VerifyRow {
  id: string;
  project_id: string;
  scopes: string[];
  is_active: boolean;
  revoked_at: string | Date | null;
  expires_at: string | Date | null;
  last_used: string | Date | null;
  replaced_by: string | null;
  suspended: boolean;
}

function time(value: string | Date | null): number | undefined {
  return value === null ? undefined : new Date(value).getTime();
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
 * one indexed lookup by hash. Never accepts a revoked, expired, rotated-out or suspended key.
 * `last_used` is written at most once a minute per key, after the answer and without
 * delaying it.
 */
export async function verifyApiKey(
  key: string,
  options: VerifyOptions = {},
  ctx?: ApiKeyContext,
): Promise<VerifyResult> {
  if (parseApiKey(key) === undefined) return { valid: false, reason: 'malformed' };
  const store = resolveApiKeyStore(ctx);
  if (options.signal?.aborted) return { valid: false, reason: 'unavailable' };
  // The request path: one indexed probe through postgres.js directly. Drizzle's query
  // builder cost 3-4x the query itself here (bench/api-keys), for a statement that never changes.
  const query = store.sql<VerifyRow[]>`
    select k.id, k.project_id, k.scopes, k.is_active, k.revoked_at, k.expires_at, k.last_used, k.replaced_by,
           exists (select 1 from control_plane.api_key_suspensions s where s.project_id = k.project_id::text) as suspended
    from control_plane.api_keys k where k.key_hash = ${hashApiKey(key)} limit 1`;
  const answer = await withinLimit(query, options.timeoutMs ?? VERIFY_TIMEOUT_MS, options.signal);
  if (answer === undefined) return { valid: false, reason: 'unavailable' };
  if ('error' in answer) return { valid: false, reason: 'unavailable', error: answer.error };
  const [row] = answer.rows;
  if (row === undefined) return { valid: false, reason: 'not_found' };
  if (!row.is_active || row.revoked_at !== null) return { valid: false, reason: 'revoked', keyId: row.id };
  const now = options.now?.() ?? new Date();
  const expiresAt = time(row.expires_at);
  if (expiresAt !== undefined && expiresAt <= now.getTime()) {
    return { valid: false, reason: row.replaced_by === null ? 'expired' : 'rotated', keyId: row.id };
  }
  if (row.suspended) return { valid: false, reason: 'suspended', keyId: row.id };
  const scopes = row.scopes as ApiKeyScope[];
  if (options.requiredScopes?.some((scope) => !scopes.includes(scope))) {
    return { valid: false, reason: 'insufficient_scope', keyId: row.id };
  }
  touchLastUsed(row.id, time(row.last_used), now, store, options.onUsageWriteError);
  return { valid: true, key: { id: row.id, projectId: row.project_id, scopes } };
}

/**
 * The query's rows or its error; undefined when it takes longer than `timeoutMs` or
 * `signal` aborts first, and the query is then cancelled (a connection that cannot be made
 * keeps trying in the pool, without holding the caller).
 */
async function withinLimit<T>(
  query: Promise<T> & { cancel(): unknown },
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<{ rows: T } | { error: unknown } | undefined> {
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const giveUp = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), timeoutMs);
    onAbort = () => resolve(undefined);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  const answered = query.then(
    (rows) => ({ rows }),
    (error: unknown) => ({ error }),
  );
  try {
    const outcome = await Promise.race([answered, giveUp]);
    if (outcome === undefined) void Promise.resolve(query.cancel()).catch(() => undefined);
    return outcome;
  } finally {
    clearTimeout(timer);
    if (onAbort !== undefined) signal?.removeEventListener('abort', onAbort);
  }
}

function touchLastUsed(
  id: string,
  lastUsed: number | undefined,
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
