// Operations on projects: the request and read side (callers), the state transitions (the
// worker's runs), and the control plane's tables and migrations.
export { OperationsClient, type OperationsClientOptions } from './operations-client.js';
export { requestOperation, type OperationRequest } from './request-operation.js';
export {
  DEFAULT_DELETION_RETENTION_SECONDS,
  DELETION_RETENTION_BOUNDS,
  deletionRetentionSeconds,
} from './deletion-retention.js';
export { isSnapshotName, SNAPSHOT_MAX_AGE_DAYS, SNAPSHOT_NAME_MAX, SNAPSHOT_QUOTA } from './snapshot-limits.js';
export { snapshotNames } from './snapshot-names.js';
export { OperationStore } from './operation-store.js';
export { OperationEnds, type EndWatch } from './operation-ends.js';
export type { OperationReport, OperationRun, OperationStepRun } from './operation-report.js';
export { ResultStore, RESULT_TTL_HOURS } from './result-store.js';
export { readProvisioningStatus, type ProvisioningStatusReport } from './read-status.js';
export { readQueueDepth, type QueueDepth } from './read-queue-depth.js';
export { openBoss, type OpenBossOptions } from './open-boss.js';
export { postgresJsBossDb, transactionBossDb } from './postgres-js-boss-db.js';
export * from './queue-names.js';
export {
  provisioningPayloadSchema,
  type ProvisioningPayload,
  type ProvisioningPayloadInput,
} from './provisioning-payload.js';
export type { ProvisioningData, ProvisioningFailure, ProvisioningResult } from './provisioning-result.js';
export { validateProvisioningParams } from './validate-provisioning-params.js';
export { ABANDONED, LOST } from './worker-lost.js';
export {
  EVENT_RETENTION_MS,
  EVENT_TYPES,
  pruneEvents,
  readEvents,
  type ControlPlaneEvent,
  type EventQuery,
  type EventType,
} from './event-feed.js';
export { CONTROL_PLANE_MIGRATIONS, migrateControlPlane } from './migrate-control-plane.js';
export * from './schema/index.js';
export * from './transitions/index.js';
