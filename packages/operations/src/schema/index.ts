export {
  OPERATION_KINDS,
  OPERATION_STATUSES,
  hasEnded,
  operations,
  type Operation,
  type OperationKind,
  type OperationStatus,
} from './operations.js';
export { events } from './events.js';
export { projectLeases } from './project-leases.js';
export { ATTEMPT_STATUSES, provisioningAttempts, type ProvisioningAttempt } from './provisioning-attempts.js';
export { provisioningResults } from './provisioning-results.js';
export { provisioningStepRuns } from './provisioning-step-runs.js';
export { provisioningSteps, STEP_STATUSES, type ProvisioningStep, type StepStatus } from './provisioning-steps.js';
