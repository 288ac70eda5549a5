import { API_KEY_PREFIX_RULE, API_KEY_SCOPES, isValidApiKeyPrefix, MAX_ACTIVE_API_KEYS } from '@org/api-keys';
import { z } from 'zod';
import { text, timestamp } from './common-schemas.js';

export const apiKeySchema = z
  .object({
    id: z.string(),
    project_id: z.uuid(),
    name: z.string(),
    prefix: z.string(),
    start: z.string().meta({ description: 'Display form: prefix, timestamp and 6 hex characters' }),
    scopes: z.array(z.enum(API_KEY_SCOPES)),
    state: z.enum(['active', 'rotated', 'expired', 'revoked', 'suspended', 'deleted']),
    last_used: timestamp.nullable(),
    expires_at: timestamp.nullable(),
    revoked_at: timestamp.nullable(),
    created_by: z.string(),
    created_at: timestamp,
  })
  .meta({ id: 'ApiKey' });

export const generatedApiKeySchema = apiKeySchema
  .extend({ key: z.string().meta({ description: 'The plaintext key: shown in this answer once, stored nowhere' }) })
  .meta({ id: 'GeneratedApiKey' });

export const apiKeyListSchema = z.object({ data: z.array(apiKeySchema) }).meta({ id: 'ApiKeyList' });
export const generatedApiKeysSchema = z
  .object({ data: z.array(generatedApiKeySchema) })
  .meta({ id: 'GeneratedApiKeys' });

export const createApiKeysBody = z
  .strictObject({
    count: z.int().min(1).max(MAX_ACTIVE_API_KEYS).default(1),
    name: text(100).min(1).default('default'),
    prefix: z.string().refine(isValidApiKeyPrefix, API_KEY_PREFIX_RULE).default('pk'),
    scopes: z
      .array(z.enum(API_KEY_SCOPES))
      .min(1)
      .max(API_KEY_SCOPES.length)
      .refine((scopes) => new Set(scopes).size === scopes.length, 'must not repeat a scope')
      .default(['read', 'write']),
    expires_at: z.iso
      .datetime({ offset: true })
      .refine((text) => Date.parse(text) > Date.now(), 'must be in the future')
      .optional()
      .meta({ description: 'When the keys stop verifying (in the future); none: never' }),
  })
  .meta({ id: 'CreateApiKeys' });

export const rotateApiKeyBody = z
  .strictObject({
    grace_seconds: z
      .int()
      .min(0)
      .max(30 * 24 * 3600)
      .default(0)
      .meta({ description: 'How long the old key keeps working' }),
  })
  .meta({ id: 'RotateApiKey' });

export const verifyApiKeyBody = z
  .strictObject({
    key: z.string().max(512),
    required_scopes: z.array(z.enum(API_KEY_SCOPES)).max(API_KEY_SCOPES.length).optional(),
  })
  .meta({ id: 'VerifyApiKey' });

export const verifyApiKeyResult = z
  .object({
    valid: z.boolean(),
    reason: z
      .enum(['malformed', 'not_found', 'revoked', 'rotated', 'expired', 'suspended', 'deleted', 'insufficient_scope'])
      .nullable(),
    key_id: z.string().nullable(),
    project_id: z.uuid().nullable(),
    scopes: z.array(z.enum(API_KEY_SCOPES)),
  })
  .meta({ id: 'ApiKeyVerification' });
