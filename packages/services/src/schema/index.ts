export {
  projectServices,
  SERVICE_STATUSES,
  SERVICE_TYPES,
  type ProjectService,
  type ServiceStatus,
  type ServiceType,
} from './project-services.js';
