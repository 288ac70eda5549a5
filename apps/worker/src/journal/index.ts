// The journal of every operation's runs, and the only writer of `projects` and `operations` (transitions/).
export { JournalRun } from './journal-run.js';
export type { StepCompletion } from './transitions/record-step-transition.js';
export { LifecycleRun } from './lifecycle-run.js';
export { StepJournal, type StepJournalStart } from './step-journal.js';
export type { LifecycleKind } from './transitions/settle-lifecycle-succeeded.js';
export type { OperationReport, OperationRun, OperationStepRun } from './operation-report.js';
export { OperationStore } from './operation-store.js';
export type { CancelOutcome } from './transitions/cancel-operation.js';
export { insertOperation } from './transitions/insert-operation.js';
export { PROVISIONABLE_STATUSES } from './transitions/begin-provisioning-run.js';
export { ABANDONED } from './worker-lost.js';
export { ProvisioningJournal, type ProvisioningJournalOptions } from './provisioning-journal.js';
export type { ProvisioningStatusReport } from './read-status.js';
export { RESULT_TTL_HOURS } from './result-store.js';
export * from './schema/index.js';
