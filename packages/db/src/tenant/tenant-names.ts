import { ValidationError } from '@org/errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TENANT_DATABASE = /^tenant_[0-9a-f]{8}_[0-9a-f]{4}_[0-9a-f]{4}_[0-9a-f]{4}_[0-9a-f]{12}$/;

/** True for a UUID in its canonical 8-4-4-4-12 hex form. */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** Throws a {@link ValidationError} unless `projectId` is a UUID. */
export function assertProjectId(projectId: unknown, path = 'projectId'): asserts projectId is string {
  if (!isUuid(projectId)) throw new ValidationError([{ path, message: 'must be a UUID' }]);
}

/**
 * `tenant_{projectId with - replaced by _}`, lower-case. Derived only from a validated
 * UUID, so the name can never carry anything but hex digits and underscores.
 */
export function tenantDatabaseName(projectId: string): string {
  assertProjectId(projectId);
  return `tenant_${projectId.toLowerCase().replaceAll('-', '_')}`;
}

/** Throws a {@link ValidationError} unless `name` is a tenant database name. */
export function assertTenantDatabaseName(name: unknown): asserts name is string {
  if (typeof name !== 'string' || !TENANT_DATABASE.test(name)) {
    throw new ValidationError([{ path: 'databaseName', message: 'must be tenant_<project uuid with underscores>' }]);
  }
}

/** The login role that owns a tenant database. */
export function tenantRoleName(databaseName: string): string {
  assertTenantDatabaseName(databaseName);
  return `${databaseName}_owner`;
}

/** The project id a tenant database name was derived from. */
export function projectIdOfDatabase(databaseName: string): string {
  assertTenantDatabaseName(databaseName);
  const hex = databaseName.slice('tenant_'.length);
  return hex.replaceAll('_', '-');
}
