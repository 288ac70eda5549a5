import { eq, sql } from 'drizzle-orm';
import { resolveApiKeyStore, type ApiKeyContext } from './api-key-store.js';
import { apiKeys } from './schema/api-keys.js';

/**
 * Revokes a key at once. Returns false when no such key exists; revoking a revoked key is a
 * no-op that returns true (its first revocation time is kept).
 */
export async function revokeApiKey(keyId: string, ctx?: ApiKeyContext): Promise<boolean> {
  if (typeof keyId !== 'string' || keyId === '') return false;
  const rows = await resolveApiKeyStore(ctx)
    .db.update(apiKeys)
    .set({ isActive: false, revokedAt: sql`coalesce(${apiKeys.revokedAt}, now())` })
    .where(eq(apiKeys.id, keyId))
    .returning({ id: apiKeys.id });
  return rows.length > 0;
}
