export { ATTEMPT_STATUSES, provisioningAttempts, type ProvisioningAttempt } from './provisioning-attempts.js';
export { provisioningResults } from './provisioning-results.js';
export { provisioningSteps, STEP_STATUSES, type ProvisioningStep, type StepStatus } from './provisioning-steps.js';
