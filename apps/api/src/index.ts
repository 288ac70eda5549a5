export {
  ADMIN_TOKEN_PREFIX,
  AdminTokenStore,
  type AdminToken,
  type CreatedAdminToken,
} from './auth/admin-token-store.js';
export { createApiClient, type ApiClient } from './client/create-api-client.js';
export type { components, operations, paths } from './client/api-schema.js';
export { apiEnvSchema, loadApiConfig, type ApiConfig } from './config/api-config.js';
export { API_MIGRATIONS, migrateApi } from './migrate-api.js';
export { openApiDocument } from './openapi/openapi-document.js';
export { startApi, type RunningApi } from './runtime/start-api.js';
export { createApiServer } from './server/create-api-server.js';
export type { ApiContext } from './server/api-context.js';
export { readProject, type ProjectView } from './views/project-view.js';
