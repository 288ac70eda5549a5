// The provisioning journal: the only reader and writer of its three tables.
export { JournalRun, type StepCompletion } from './journal-run.js';
export { LifecycleRun } from './lifecycle-run.js';
export type { OperationReport, OperationRun, OperationStepRun } from './operation-report.js';
export { OperationStore, type CancelOutcome } from './operation-store.js';
export { PROVISIONABLE_STATUSES } from './run-start.js';
export { ABANDONED } from './worker-lost.js';
export { ProvisioningJournal, type ProvisioningJournalOptions } from './provisioning-journal.js';
export type { ProvisioningStatusReport } from './read-status.js';
export { RESULT_TTL_HOURS } from './result-store.js';
export * from './schema/index.js';
