/** The scopes a key may carry. */
export const API_KEY_SCOPES = ['read', 'write', 'admin'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** Scopes given to a key when none are asked for (the contract's default). */
export const DEFAULT_API_KEY_SCOPES: readonly ApiKeyScope[] = ['read', 'write'];

/** The contract's quota of active keys per project; the database enforces the same number. */
export const MAX_ACTIVE_API_KEYS = 10;

/** `last_used` is written at most this often per key, so verification rarely writes. */
export const LAST_USED_RESOLUTION_MS = 60_000;
