export { adminTokens, type AdminTokenRow } from './admin-tokens.js';
export { idempotencyKeys } from './idempotency-keys.js';
