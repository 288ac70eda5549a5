import type { ApiKeyScope } from './api-key-limits.js';

/** See {@link ApiKeyInfo.state}. */
export type ApiKeyState = 'active' | 'rotated' | 'expired' | 'revoked' | 'suspended' | 'deleted';

/** A key as listed: everything but the secret and its hash. */
export interface ApiKeyInfo {
  id: string;
  projectId: string;
  name: string;
  prefix: string;
  /** Display form, e.g. `nm_1764234000000_3fa9c2…`. */
  start: string;
  scopes: ApiKeyScope[];
  /** Not revoked (the stored flag). Whether the key verifies now is {@link ApiKeyInfo.state}. */
  isActive: boolean;
  /**
   * What verifying the key would say now: `active`; `rotated` (replaced by a rotation: it
   * verifies until its grace period ends, then is refused as `rotated`); `expired`; `revoked`;
   * `suspended` (its project is suspended: it verifies again once resumed, unless it expired meanwhile);
   * `deleted` (its project is deleted, recoverably: it verifies again once recovered).
   */
  state: ApiKeyState;
  lastUsed: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  createdBy: string;
  createdAt: Date;
}

/** A freshly generated key: the only time its plaintext `key` exists. */
export interface GeneratedApiKey extends ApiKeyInfo {
  /** The plaintext key. Show it once; it cannot be recovered. Never log it. */
  key: string;
}
