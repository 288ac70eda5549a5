export { activeApiKeyCountSql } from './active-api-key-count-sql.js';
export {
  API_KEY_CHANGES_CHANNEL,
  ApiKeyCache,
  openApiKeyCache,
  type ApiKeyCacheOptions,
  type ApiKeyCacheStats,
} from './api-key-cache.js';
export type { ApiKeyInfo, ApiKeyState, GeneratedApiKey } from './api-key.js';
export {
  createApiKeyStore,
  type ApiKeyContext,
  type ApiKeyStore,
  type ApiKeyStoreClientOptions,
  type ApiKeyStoreUrlOptions,
} from './api-key-store.js';
export { apiKeyStoreIn, type ApiKeyTransactionStore } from './api-key-store-in.js';
export {
  API_KEY_PREFIX_RULE,
  apiKeyStart,
  createApiKeyValue,
  isValidApiKeyPrefix,
  parseApiKey,
  RESERVED_API_KEY_PREFIXES,
  validateApiKeyFormat,
} from './api-key-format.js';
export {
  API_KEY_SCOPES,
  DEFAULT_API_KEY_SCOPES,
  LAST_USED_RESOLUTION_MS,
  MAX_ACTIVE_API_KEYS,
  type ApiKeyScope,
} from './api-key-limits.js';
export {
  countActiveKeys,
  generateApiKeys,
  type GenerateApiKeysParams,
  type GenerateOptions,
} from './generate-api-keys.js';
export { getProjectApiKeys } from './get-project-api-keys.js';
export { hashApiKey } from './hash-api-key.js';
export { MAX_QUEUED_LOOKUPS } from '@org/db';
export { API_KEYS_MIGRATIONS, migrate } from './migrate.js';
export { revokeApiKey } from './revoke-api-key.js';
export { rotateApiKey, type RotateOptions } from './rotate-api-key.js';
export * from './schema/index.js';
export { resumeApiKeys, setApiKeysDeleted, suspendApiKeys } from './suspend-api-keys.js';
export {
  apiKeyUsageWriteFailures,
  VERIFY_TIMEOUT_MS,
  verifyApiKey,
  type VerifyFailureReason,
  type VerifyOptions,
  type VerifyResult,
} from './verify-api-key.js';
