import { randomUUID } from 'node:crypto';
import { ApiKeyGenerationError, ApiKeyNotFoundError, ValidationError } from '@org/errors';
import { and, eq, isNull } from 'drizzle-orm';
import type { GeneratedApiKey } from './api-key.js';
import { resolveApiKeyStore, type ApiKeyContext } from './api-key-store.js';
import { apiKeyStart, createApiKeyValue } from './api-key-format.js';
import { hashApiKey } from './hash-api-key.js';
import { apiKeys } from './schema/api-keys.js';
import { toApiKeyInfo } from './to-api-key-info.js';

export interface RotateOptions {
  /** How long the old key keeps working, so clients can switch without an outage. */
  graceSeconds?: number;
  now?: () => Date;
}

/**
 * Replaces a key with a new one of the same project, prefix, name and scopes. The old key
 * keeps working for `graceSeconds` (default 0: it stops at once) and no longer counts
 * toward the quota. Returns the new key's plaintext, once. An unknown, revoked or already
 * rotated key is a `ProvisioningError` with code `API_KEY_NOT_FOUND`.
 */
export async function rotateApiKey(
  keyId: string,
  options: RotateOptions = {},
  ctx?: ApiKeyContext,
): Promise<GeneratedApiKey> {
  const store = resolveApiKeyStore(ctx);
  const graceSeconds = options.graceSeconds ?? 0;
  if (!Number.isFinite(graceSeconds) || graceSeconds < 0 || graceSeconds > 30 * 24 * 3600) {
    throw new ValidationError([{ path: 'graceSeconds', message: 'must be between 0 and 30 days' }]);
  }
  const now = options.now?.() ?? new Date();
  const newId = `key_${randomUUID()}`;
  try {
    return await store.db.transaction(async (tx) => {
      const [old] = await tx
        .select()
        .from(apiKeys)
        .where(
          and(eq(apiKeys.id, keyId), eq(apiKeys.isActive, true), isNull(apiKeys.revokedAt), isNull(apiKeys.replacedBy)),
        )
        .for('update');
      if (old === undefined) {
        throw new ApiKeyNotFoundError(keyId);
      }
      const graceEnd = new Date(now.getTime() + graceSeconds * 1000);
      const expiresAt = old.expiresAt !== null && old.expiresAt < graceEnd ? old.expiresAt : graceEnd;
      // Marked as replaced before the insert, so the quota trigger does not count it.
      await tx.update(apiKeys).set({ replacedBy: newId, expiresAt }).where(eq(apiKeys.id, old.id));
      const key = createApiKeyValue(old.keyPrefix, now);
      const [row] = await tx
        .insert(apiKeys)
        .values({
          id: newId,
          projectId: old.projectId,
          keyHash: hashApiKey(key),
          keyPrefix: old.keyPrefix,
          keyStart: apiKeyStart(key),
          name: old.name,
          scopes: old.scopes,
          expiresAt: old.expiresAt !== null && old.expiresAt > now ? old.expiresAt : null,
          createdBy: old.createdBy,
          createdAt: now,
        })
        .returning();
      return { ...toApiKeyInfo(row!, now), key };
    });
  } catch (error) {
    if (ApiKeyNotFoundError.is(error)) throw error;
    throw new ApiKeyGenerationError(`Could not rotate API key ${keyId}`, { cause: error, context: { keyId } });
  }
}
