export { createHttpAdminAdapter, idempotencyKey, type HttpAdminAdapterOptions } from './adapters/http-admin-adapter.js';
export { HttpStatusError } from './adapters/http-status-error.js';
export {
  createRecordOnlyAdapter,
  DEFAULT_ENDPOINT_TEMPLATE,
  type RecordOnlyAdapterOptions,
} from './adapters/record-only-adapter.js';
export type {
  DisableRequest,
  HealthStatus,
  RegisterRequest,
  Registration,
  ServiceAdapter,
} from './adapters/service-adapter.js';
export { checkServicesHealth } from './check-services-health.js';
export { disableService } from './disable-service.js';
export { getProjectServices } from './get-project-services.js';
export { migrate, SERVICES_MIGRATIONS } from './migrate.js';
export { pendingServiceId, registeredServiceId } from './pending-service-id.js';
export {
  registerAuthService,
  registerRealtimeService,
  registerService,
  registerStorageService,
  type RegisterOptions,
  type RegisterServiceParams,
} from './register-service.js';
export * from './schema/index.js';
export {
  createServiceAdapters,
  parseServicesConfig,
  servicesConfigSchema,
  type ServicesConfig,
  type ServicesConfigInput,
} from './services-config.js';
export { defaultServicesContext, setDefaultServicesContext, type ServicesContext } from './services-context.js';
