import type { ApiKeyInfo, ApiKeyState } from './api-key.js';
import type { ApiKeyScope } from './api-key-limits.js';
import type { ApiKeyRow } from './schema/api-keys.js';

/**
 * Drops the hash: nothing that leaves this package carries it. `now` decides expiry;
 * `held` says whether the key's project is deleted (recoverably) or suspended.
 */
export function toApiKeyInfo(
  row: ApiKeyRow,
  now: Date = new Date(),
  held: 'deleted' | 'suspended' | null = null,
): ApiKeyInfo {
  return {
    id: row.id,
    projectId: row.projectId,
    name: row.name,
    prefix: row.keyPrefix,
    start: row.keyStart,
    scopes: row.scopes as ApiKeyScope[],
    isActive: row.isActive && row.revokedAt === null,
    state: apiKeyState(row, now, held),
    lastUsed: row.lastUsed,
    expiresAt: row.expiresAt,
    revokedAt: row.revokedAt,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
  };
}

/** The state {@link ApiKeyInfo.state} describes, from a row's columns at `now`. */
function apiKeyState(
  row: { isActive: boolean; revokedAt: Date | null; expiresAt: Date | null; replacedBy: string | null },
  now: Date,
  held: 'deleted' | 'suspended' | null,
): ApiKeyState {
  if (!row.isActive || row.revokedAt !== null) return 'revoked';
  if (row.replacedBy !== null) return 'rotated';
  if (row.expiresAt !== null && row.expiresAt.getTime() <= now.getTime()) return 'expired';
  return held ?? 'active';
}
