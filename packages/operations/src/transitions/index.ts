// Every statement that changes a project's or an operation's state (and the journal of
// their runs), one per file: nothing else writes `projects` (but `@org/db`'s createProject)
// or `operations`.
export { beginOperationRun, type OperationRunStart } from './begin-operation-run.js';
export {
  beginProvisioningRun,
  PROVISIONABLE_STATUSES,
  type RecordedStep,
  type RunMeta,
  type RunStart,
} from './begin-provisioning-run.js';
export { cancelOperation, type CancelOutcome } from './cancel-operation.js';
export { failOpenOperation } from './fail-open-operation.js';
export { insertOperation, type NewOperation } from './insert-operation.js';
export {
  holdLease,
  LEASE_LOST_SQLSTATE,
  leaseLostOr,
  takeProjectLease,
  type ProjectLease,
  type TakenLease,
} from './project-lease.js';
export type { StatementSql } from './jsonb.js';
export {
  recordStepTransition,
  type StepCompletion,
  type StepTransition,
  type TransitionRun,
} from './record-step-transition.js';
export { settleCompensated, type CompensatedSettlement } from './settle-compensated.js';
export { settleLifecycleFailed, type LifecycleFailure } from './settle-lifecycle-failed.js';
export { settleLifecycleSucceeded, type LifecycleKind, type LifecycleSuccess } from './settle-lifecycle-succeeded.js';
export { settleProvisioningForRetry, type ProvisioningRetry } from './settle-provisioning-for-retry.js';
export { settleProvisioningSucceeded, type ProvisioningSuccess } from './settle-provisioning-succeeded.js';
export { updateProjectProvisioningStatus } from './update-project-provisioning-status.js';
