export { apiKeySuspensions } from './api-key-suspensions.js';
export { apiKeys, type ApiKeyRow } from './api-keys.js';
