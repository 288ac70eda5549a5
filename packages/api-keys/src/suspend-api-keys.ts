import { eq } from 'drizzle-orm';
import { resolveApiKeyStore, type ApiKeyContext } from './api-key-store.js';
import { apiKeySuspensions } from './schema/api-key-suspensions.js';

/**
 * Suspends every key of a project (any owner id): from the commit on, each verifies as
 * `suspended`, including keys issued while the suspension lasts. Idempotent: returns
 * whether this call suspended it (false when it already was).
 */
export async function suspendApiKeys(projectId: string, ctx?: ApiKeyContext): Promise<boolean> {
  if (typeof projectId !== 'string' || projectId === '') return false;
  const rows = await resolveApiKeyStore(ctx)
    .db.insert(apiKeySuspensions)
    .values({ projectId })
    .onConflictDoNothing()
    .returning({ projectId: apiKeySuspensions.projectId });
  return rows.length > 0;
}

/**
 * Lifts a project's suspension: each key verifies as it would have without it (a key
 * revoked or expired meanwhile stays so). Idempotent: returns whether it was suspended.
 */
export async function resumeApiKeys(projectId: string, ctx?: ApiKeyContext): Promise<boolean> {
  if (typeof projectId !== 'string' || projectId === '') return false;
  const rows = await resolveApiKeyStore(ctx)
    .db.delete(apiKeySuspensions)
    .where(eq(apiKeySuspensions.projectId, projectId))
    .returning({ projectId: apiKeySuspensions.projectId });
  return rows.length > 0;
}
