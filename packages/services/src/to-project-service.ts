import type { ProjectService, ServiceStatus, ServiceType } from './schema/project-services.js';

/** A `project_services` row as a raw query on a Drizzle-wrapped pool returns it (timestamps as text). */
export interface ProjectServiceRow {
  id: string;
  project_id: string;
  service_type: string;
  service_id: string;
  endpoint: string | null;
  config: Record<string, unknown>;
  status: string;
  error_reason: string | null;
  created_at: string | Date;
  updated_at: string | Date;
}

/** The typed row, as Drizzle's queries return it. */
export function toProjectService(row: ProjectServiceRow): ProjectService {
  return {
    id: row.id,
    projectId: row.project_id,
    serviceType: row.service_type as ServiceType,
    serviceId: row.service_id,
    endpoint: row.endpoint,
    config: row.config,
    status: row.status as ServiceStatus,
    errorReason: row.error_reason,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}
