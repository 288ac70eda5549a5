import type { ApiKeyInfo, GeneratedApiKey } from '@org/api-keys';
import type { z } from 'zod';
import type { apiKeySchema, generatedApiKeySchema } from '../schemas/api-key-schemas.js';
import { isoTime } from './iso-time.js';

/** A key as the API lists it: never its hash. */
export function apiKeyView(key: ApiKeyInfo): z.output<typeof apiKeySchema> {
  return {
    id: key.id,
    project_id: key.projectId,
    name: key.name,
    prefix: key.prefix,
    start: key.start,
    scopes: key.scopes,
    state: key.state,
    last_used: isoTime(key.lastUsed),
    expires_at: isoTime(key.expiresAt),
    revoked_at: isoTime(key.revokedAt),
    created_by: key.createdBy,
    created_at: isoTime(key.createdAt),
  };
}

/** A key just made, with its plaintext: in this answer only. */
export function generatedApiKeyView(key: GeneratedApiKey): z.output<typeof generatedApiKeySchema> {
  return { ...apiKeyView(key), key: key.key };
}
