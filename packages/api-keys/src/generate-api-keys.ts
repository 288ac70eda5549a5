import { randomUUID } from 'node:crypto';
import {
  ApiKeyGenerationError,
  ProjectNotFoundError,
  QuotaExceededError,
  sqlStateOf,
  ValidationError,
} from '@org/errors';
import { parseInput } from '@org/db/internal';
import { z } from 'zod';
import { activeApiKeyCountSql } from './active-api-key-count-sql.js';
import type { GeneratedApiKey } from './api-key.js';
import { resolveApiKeyStore, type ApiKeyContext } from './api-key-store.js';
import { API_KEY_PREFIX_RULE, apiKeyStart, createApiKeyValue, isValidApiKeyPrefix } from './api-key-format.js';
import { API_KEY_SCOPES, DEFAULT_API_KEY_SCOPES, MAX_ACTIVE_API_KEYS } from './api-key-limits.js';
import { hashApiKey } from './hash-api-key.js';
import { apiKeys } from './schema/api-keys.js';
import { toApiKeyInfo } from './to-api-key-info.js';

const paramsSchema = z.strictObject({
  projectId: z.string().trim().min(1).max(200),
  count: z.int().min(1).max(MAX_ACTIVE_API_KEYS).default(1),
  prefix: z.string().refine(isValidApiKeyPrefix, API_KEY_PREFIX_RULE).default('pk'),
  name: z.string().trim().min(1).max(100).default('default'),
  scopes: z
    .array(z.enum(API_KEY_SCOPES))
    .min(1)
    .refine((scopes) => new Set(scopes).size === scopes.length, 'must not repeat a scope')
    .default([...DEFAULT_API_KEY_SCOPES]),
  /** A Date, or ISO 8601 text with its offset (`2027-01-01T00:00:00Z`). */
  expiresAt: z.union([z.date(), z.iso.datetime({ offset: true }).transform((text) => new Date(text))]).optional(),
  createdBy: z.string().min(1).max(200).default('system'),
});

export type GenerateApiKeysParams = z.input<typeof paramsSchema>;

/** Options for tests and callers that need a fixed clock. */
export interface GenerateOptions {
  now?: () => Date;
}

/**
 * The contract's key generation: `count` new keys for a project (any owner id string), stored
 * as SHA-256 hashes. Returns the plaintext keys, the only time they exist. All or nothing:
 * if the project's 10 active keys would be exceeded (checked by the database, so concurrent
 * calls cannot overshoot) a {@link QuotaExceededError} is thrown and none of this call's keys
 * is created. Where a foreign key ties `project_id` to a projects table (the control plane's
 * does), an unknown project is a `ProjectNotFoundError`.
 */
export async function generateApiKeys(
  params: GenerateApiKeysParams,
  options: GenerateOptions = {},
  ctx?: ApiKeyContext,
): Promise<GeneratedApiKey[]> {
  const store = resolveApiKeyStore(ctx);
  const input = parseInput(paramsSchema, params);
  const now = options.now?.() ?? new Date();
  if (input.expiresAt !== undefined && input.expiresAt.getTime() <= now.getTime()) {
    throw new ValidationError([{ path: 'expiresAt', message: 'must be in the future' }]);
  }
  const { projectId } = input;
  const keys = Array.from({ length: input.count }, () => createApiKeyValue(input.prefix, now));

  const values = keys.map((key, index) => ({
    id: `key_${randomUUID()}`,
    projectId,
    keyHash: hashApiKey(key),
    keyPrefix: input.prefix,
    keyStart: apiKeyStart(key),
    name: input.count === 1 ? input.name : `${input.name} ${index + 1}`,
    scopes: input.scopes,
    expiresAt: input.expiresAt ?? null,
    createdBy: input.createdBy,
    createdAt: now,
  }));
  try {
    // One statement, so the keys are inserted together or not at all; in a transaction of
    // its own (a savepoint inside the caller's), so that after a refusal the caller's
    // transaction can still read how many keys are in use.
    const rows = await store.db.transaction((tx) => tx.insert(apiKeys).values(values).returning());
    return rows.map((row, index) => ({ ...toApiKeyInfo(row, now), key: keys[index]! }));
  } catch (error) {
    if (isUnknownProject(error)) throw new ProjectNotFoundError(projectId);
    if (isQuotaViolation(error)) {
      const active = await countActiveKeys(projectId, ctx);
      throw new QuotaExceededError('api_keys', MAX_ACTIVE_API_KEYS, active, {
        requested: input.count,
        context: { projectId },
      });
    }
    // The cause is a database error; it never contains a key (only hashes were sent).
    throw new ApiKeyGenerationError(`Could not generate API keys for project ${projectId}`, {
      cause: error,
      context: { projectId },
    });
  }
}

function isQuotaViolation(error: unknown): boolean {
  // drizzle wraps driver errors; the trigger's constraint name is on the cause.
  for (let current: unknown = error; current; current = (current as { cause?: unknown }).cause) {
    if ((current as { constraint_name?: unknown }).constraint_name === 'api_keys_active_quota') return true;
  }
  return false;
}

// A foreign key on project_id refused the id (23503), or the column is a uuid and the id is
// not one (22P02): either way no such project exists.
function isUnknownProject(error: unknown): boolean {
  const state = sqlStateOf(error);
  return state === '23503' || state === '22P02';
}

/** Keys that count toward the quota: active, not revoked, not expired, not rotated away. */
export async function countActiveKeys(projectId: string, ctx?: ApiKeyContext): Promise<number> {
  const { sql } = resolveApiKeyStore(ctx);
  const [row] = await sql<{ n: number }[]>`select ${activeApiKeyCountSql(sql, sql`${projectId}`)} as n`;
  return row?.n ?? 0;
}
