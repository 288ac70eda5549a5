import type { ApiKeyScope } from './api-key-limits.js';

/**
 * What verification needs of a key's row, as read at one moment: the answer is judged from
 * it on every call (expiry against the clock), so it can be kept in a cache.
 */
export interface ApiKeyRecord {
  id: string;
  projectId: string;
  scopes: ApiKeyScope[];
  /** Deactivated or revoked. */
  revoked: boolean;
  /** Epoch ms, when the key has an expiry (a rotation's grace end included). */
  expiresAt: number | undefined;
  /** Replaced by a rotation: once expired it is `rotated`, not `expired`. */
  rotated: boolean;
  /** Epoch ms of `last_used` when read. */
  lastUsed: number | undefined;
  /** Its project is suspended. */
  suspended: boolean;
}
