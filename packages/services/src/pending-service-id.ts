import type { ServiceType } from './schema/project-services.js';

/**
 * What a registration that never succeeded keeps as its `service_id`: the column is NOT
 * NULL (the contract's table), and this is no service's id. Read it back through
 * {@link registeredServiceId}.
 */
export function pendingServiceId(type: ServiceType): string {
  return `${type}_pending`;
}

/** The service's own id for the project, or null when no registration with it ever succeeded. */
export function registeredServiceId(type: ServiceType, serviceId: string): string | null {
  return serviceId === pendingServiceId(type) ? null : serviceId;
}
