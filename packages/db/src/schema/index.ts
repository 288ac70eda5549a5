export { clusterLoad } from './cluster-load.js';
export { controlPlaneSchema } from './control-plane-schema.js';
export { projectResources, RESOURCE_TYPES, type ProjectResource, type ResourceType } from './project-resources.js';
export {
  PROJECT_STATES,
  PROJECT_STATUSES,
  projects,
  PROVISIONING_STATUSES,
  type NewProject,
  type Project,
  type ProjectState,
  type ProjectStatus,
  type ProvisioningStatus,
} from './projects.js';
export { TENANT_POOL_STATES, tenantPool, type TenantPoolRow, type TenantPoolState } from './tenant-pool.js';
