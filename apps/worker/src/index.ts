export { ConfigError, loadWorkerConfig, workerEnvSchema, type WorkerConfig } from './config/worker-config.js';
export { ProvisioningJournal, type ProvisioningJournalOptions } from './journal/index.js';
export {
  LIFECYCLE,
  LIFECYCLE_KINDS,
  type LifecycleOperation,
  type LifecyclePayload,
} from './operations/lifecycle-steps.js';
export { createLogger, scrubSecrets } from './observability/create-logger.js';
export { startHttpServer, type OperationsServer } from './observability/start-http-server.js';
export { createWorkerMetrics, type WorkerMetrics } from './observability/worker-metrics.js';
export { compensate, type CompensationReport } from './provisioning/compensate.js';
export { provisionProject, provisionProjectHandler, type ProvisionOptions } from './provisioning/provision-project.js';
export { PROVISIONING_QUOTAS, type QuotaType } from './provisioning/provisioning-quotas.js';
export { PROVISIONING, PROVISIONING_STEPS, type ProvisioningStepName } from './provisioning/provisioning-steps.js';
export type { JobSettlement, ProvisionOutcome } from './provisioning/settle-run.js';
export { StepTable, type Step, type StepInput, type StepOutput } from './provisioning/step.js';
export { checkQuotaLimit, isRegionAvailable, verifyProjectExists } from './provisioning/validation.js';
export type { TenantPoolControl, WorkerContext } from './provisioning/worker-context.js';
export { ProvisioningQueue } from './queue/provisioning-queue.js';
export { DEFAULT_QUEUE_SETTINGS, type QueueSettings } from './queue/queue-settings.js';
export {
  migrateAll,
  openControlPlane,
  openRuntime,
  type ControlPlaneConnection,
  type OpenRuntimeOptions,
  type Runtime,
} from './runtime/open-runtime.js';
export { startWorker, type RunningWorker } from './runtime/start-worker.js';
// For the other command lines of the control plane (the HTTP API's, which load the same configuration).
export { explainFailure, type Explained } from './cli/explain-failure.js';
// The contract's pieces that live in @org/operations, for a caller that composes the worker:
// the payload, the result, the parameter check and the migrations it runs.
export {
  migrateControlPlane,
  provisioningPayloadSchema,
  validateProvisioningParams,
  type ProvisioningData,
  type ProvisioningFailure,
  type ProvisioningPayload,
  type ProvisioningPayloadInput,
  type ProvisioningResult,
} from '@org/operations';
