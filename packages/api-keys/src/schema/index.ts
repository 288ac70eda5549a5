export { apiKeys, type ApiKeyRow } from './api-keys.js';
