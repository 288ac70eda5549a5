import { sqlStateOf } from '@org/errors';
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { ApiKeyInfo } from './api-key.js';
import { resolveApiKeyStore, type ApiKeyContext } from './api-key-store.js';
import { apiKeySuspensions } from './schema/api-key-suspensions.js';
import { apiKeys } from './schema/api-keys.js';
import { toApiKeyInfo } from './to-api-key-info.js';

/**
 * The contract's listing: a project's active (not revoked) keys, oldest first, without hashes,
 * each with its `state` now (a rotated-out, expired, suspended or deleted key is listed as such). Pass
 * `{ includeRevoked: true }` for the full history; `now` is the clock, for tests.
 */
export async function getProjectApiKeys(
  projectId: string,
  options: { includeRevoked?: boolean; now?: () => Date } = {},
  ctx?: ApiKeyContext,
): Promise<ApiKeyInfo[]> {
  if (typeof projectId !== 'string' || projectId === '') return [];
  const store = resolveApiKeyStore(ctx);
  const query = store.db
    .select()
    .from(apiKeys)
    .where(
      options.includeRevoked
        ? eq(apiKeys.projectId, projectId)
        : and(eq(apiKeys.projectId, projectId), eq(apiKeys.isActive, true), isNull(apiKeys.revokedAt)),
    )
    .orderBy(asc(apiKeys.createdAt), asc(apiKeys.id));
  // Where project_id is a uuid column (the control plane's), any other id has no keys.
  const rows = await query.catch((error: unknown) => {
    if (sqlStateOf(error) === '22P02') return [];
    throw error;
  });
  const [hold] = await store.db
    .select({ suspended: apiKeySuspensions.suspended, deletedAt: apiKeySuspensions.deletedAt })
    .from(apiKeySuspensions)
    .where(eq(apiKeySuspensions.projectId, projectId));
  const held = hold === undefined ? null : hold.deletedAt !== null ? 'deleted' : hold.suspended ? 'suspended' : null;
  const now = options.now?.() ?? new Date();
  return rows.map((row) => toApiKeyInfo(row, now, held));
}
