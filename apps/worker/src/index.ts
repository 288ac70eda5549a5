export { ConfigError, loadWorkerConfig, workerEnvSchema, type WorkerConfig } from './config/worker-config.js';
export {
  OPERATION_KINDS,
  OPERATION_STATUSES,
  OperationStore,
  ProvisioningJournal,
  RESULT_TTL_HOURS,
  type CancelOutcome,
  type LifecycleKind,
  type OperationKind,
  type OperationReport,
  type OperationRun,
  type OperationStatus,
  type OperationStepRun,
  type ProvisioningJournalOptions,
  type ProvisioningStatusReport,
} from './journal/index.js';
export {
  LIFECYCLE,
  LIFECYCLE_KINDS,
  type LifecycleOperation,
  type LifecyclePayload,
} from './operations/lifecycle-steps.js';
export { migrateControlPlane, WORKER_MIGRATIONS } from './runtime/migrate-control-plane.js';
export { createLogger, scrubSecrets } from './observability/create-logger.js';
export { startHttpServer, type OperationsServer } from './observability/start-http-server.js';
export { createWorkerMetrics, type WorkerMetrics } from './observability/worker-metrics.js';
export { compensate, type CompensationReport } from './provisioning/compensate.js';
export { provisionProject, provisionProjectHandler, type ProvisionOptions } from './provisioning/provision-project.js';
export {
  provisioningPayloadSchema,
  type ProvisioningPayload,
  type ProvisioningPayloadInput,
} from './provisioning/provisioning-payload.js';
export { PROVISIONING_QUOTAS, type QuotaType } from './provisioning/provisioning-quotas.js';
export type { ProvisioningData, ProvisioningFailure, ProvisioningResult } from './provisioning/provisioning-result.js';
export { PROVISIONING, PROVISIONING_STEPS, type ProvisioningStepName } from './provisioning/provisioning-steps.js';
export type { JobSettlement, ProvisionOutcome } from './provisioning/settle-run.js';
export { StepTable, type Step, type StepInput, type StepOutput } from './provisioning/step.js';
export {
  checkQuotaLimit,
  isRegionAvailable,
  validateProvisioningParams,
  verifyProjectExists,
} from './provisioning/validation.js';
export { updateProjectProvisioningStatus } from './journal/transitions/update-project-provisioning-status.js';
export type { TenantPoolControl, WorkerContext } from './provisioning/worker-context.js';
export { ProvisioningQueue } from './queue/provisioning-queue.js';
export type { OperationRequest } from './queue/request-operation.js';
export {
  DEFAULT_QUEUE_SETTINGS,
  LIFECYCLE_QUEUE,
  PROVISION_QUEUE,
  TENANT_POOL_REFILL_QUEUE,
  type QueueSettings,
} from './queue/queue-settings.js';
export { postgresJsBossDb } from './queue/postgres-js-boss-db.js';
export { migrateAll, openRuntime, type OpenRuntimeOptions, type Runtime } from './runtime/open-runtime.js';
export { startWorker, type RunningWorker } from './runtime/start-worker.js';
// For the other command lines of the control plane (the HTTP API's, which load the same configuration).
export { explainFailure, type Explained } from './cli/explain-failure.js';
