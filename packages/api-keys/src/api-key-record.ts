import type { ApiKeyScope } from './api-key-limits.js';

/**
 * What verification needs of a key's row, as read at one moment: the answer is judged from
 * it on every call (expiry against the clock), so it can be kept in a cache. Verification's
 * query selects it in this shape, judged in the database where it can be (booleans, epoch
 * milliseconds, which parse for free where timestamps would cost a Date each).
 */
export interface ApiKeyRecord {
  id: string;
  projectId: string;
  scopes: ApiKeyScope[];
  /** Deactivated or revoked. */
  revoked: boolean;
  /** Epoch ms, when the key has an expiry (a rotation's grace end included). */
  expiresAt: number | null;
  /** Replaced by a rotation: once expired it is `rotated`, not `expired`. */
  rotated: boolean;
  /** Epoch ms of `last_used` when read. */
  lastUsed: number | null;
  /** Its project is deleted (recoverably) or suspended; null when neither. */
  held: 'deleted' | 'suspended' | null;
}
