export { ConfigError, loadWorkerConfig, workerEnvSchema, type WorkerConfig } from './config/worker-config.js';
export { createLogger, scrubSecrets } from './observability/create-logger.js';
export { startHttpServer, type OperationsServer } from './observability/start-http-server.js';
export { createWorkerMetrics, type WorkerMetrics } from './observability/worker-metrics.js';
export {
  compensateProvisioning,
  deprovisionProject,
  type CompensationOptions,
  type CompensationReport,
} from './provisioning/compensate-provisioning.js';
export {
  failure,
  provisionProject,
  provisionProjectHandler,
  type ProvisionOptions,
  type ProvisionOutcome,
} from './provisioning/provision-project.js';
export {
  provisioningPayloadSchema,
  type ProvisioningPayload,
  type ProvisioningPayloadInput,
} from './provisioning/provisioning-payload.js';
export {
  PROVISIONING_QUOTAS,
  PROVISIONING_STEPS,
  type ProvisioningStepName,
  type QuotaType,
} from './provisioning/provisioning-quotas.js';
export type { ProvisioningData, ProvisioningFailure, ProvisioningResult } from './provisioning/provisioning-result.js';
export {
  claimProvisioningResult,
  purgeExpiredProvisioningResults,
  RESULT_TTL_HOURS,
} from './provisioning/result-store.js';
export {
  checkQuotaLimit,
  isRegionAvailable,
  updateProjectProvisioningStatus,
  validateProvisioningParams,
  verifyProjectExists,
} from './provisioning/validation.js';
export type { WorkerContext } from './provisioning/worker-context.js';
export {
  DEFAULT_QUEUE_SETTINGS,
  PROVISION_QUEUE,
  ProvisioningQueue,
  type QueueSettings,
} from './queue/provisioning-queue.js';
export { postgresJsBossDb } from './queue/postgres-js-boss-db.js';
export { migrateAll, openRuntime, type Runtime } from './runtime/open-runtime.js';
