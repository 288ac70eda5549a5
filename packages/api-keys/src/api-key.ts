import type { ApiKeyScope } from './api-key-limits.js';

/** A key as listed: everything but the secret and its hash. */
export interface ApiKeyInfo {
  id: string;
  projectId: string;
  name: string;
  prefix: string;
  /** Display form, e.g. `nm_1764234000000_3fa9c2…`. */
  start: string;
  scopes: ApiKeyScope[];
  isActive: boolean;
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
