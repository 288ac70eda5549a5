import { defaultDbContext, projectResources, type DbContext } from '@org/db';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { apiKeys } from './schema/api-keys.js';

/**
 * Revokes a key at once and forgets it as a project resource. Returns false when no such
 * key exists; revoking a revoked key is a no-op that returns true.
 */
export async function revokeApiKey(keyId: string, ctx: DbContext = defaultDbContext()): Promise<boolean> {
  if (typeof keyId !== 'string' || keyId === '') return false;
  return ctx.client.db.transaction(async (tx) => {
    const [row] = await tx.select({ projectId: apiKeys.projectId }).from(apiKeys).where(eq(apiKeys.id, keyId));
    if (row === undefined) return false;
    await tx
      .update(apiKeys)
      .set({ isActive: false, revokedAt: sql`now()` })
      .where(and(eq(apiKeys.id, keyId), isNull(apiKeys.revokedAt)));
    await tx
      .delete(projectResources)
      .where(
        and(
          eq(projectResources.projectId, row.projectId),
          eq(projectResources.resourceType, 'api_keys'),
          eq(projectResources.resourceId, keyId),
        ),
      );
    return true;
  });
}
