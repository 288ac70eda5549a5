export { controlPlaneSchema } from './control-plane-schema.js';
export { projectResources, RESOURCE_TYPES, type ProjectResource, type ResourceType } from './project-resources.js';
export {
  PROJECT_STATUSES,
  projects,
  PROVISIONING_STATUSES,
  type NewProject,
  type Project,
  type ProjectStatus,
  type ProvisioningStatus,
} from './projects.js';
export { ATTEMPT_STATUSES, provisioningAttempts, type ProvisioningAttempt } from './provisioning-attempts.js';
export { provisioningResults } from './provisioning-results.js';
export { provisioningSteps, STEP_STATUSES, type ProvisioningStep, type StepStatus } from './provisioning-steps.js';
