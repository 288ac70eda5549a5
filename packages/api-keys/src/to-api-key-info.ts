import type { ApiKeyInfo } from './api-key.js';
import type { ApiKeyScope } from './api-key-limits.js';
import type { ApiKeyRow } from './schema/api-keys.js';

/** Drops the hash: nothing that leaves this package carries it. */
export function toApiKeyInfo(row: ApiKeyRow): ApiKeyInfo {
  return {
    id: row.id,
    projectId: row.projectId,
    name: row.name,
    prefix: row.keyPrefix,
    start: row.keyStart,
    scopes: row.scopes as ApiKeyScope[],
    isActive: row.isActive && row.revokedAt === null,
    lastUsed: row.lastUsed,
    expiresAt: row.expiresAt,
    revokedAt: row.revokedAt,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
  };
}
