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

/** True for a tenant database name (`tenant_<project uuid with underscores>`). */
export function isTenantDatabaseName(name: unknown): name is string {
  return typeof name === 'string' && TENANT_DATABASE.test(name);
}

/** Throws a {@link ValidationError} unless `name` is a tenant database name. */
export function assertTenantDatabaseName(name: unknown): asserts name is string {
  if (!isTenantDatabaseName(name)) {
    throw new ValidationError([{ path: 'databaseName', message: 'must be tenant_<project uuid with underscores>' }]);
  }
}

/**
 * The schema of the platform's own tables inside each tenant database (the tenant reads
 * them; see `src/tenant-schema/platform-schema.ts`).
 */
export const PLATFORM_SCHEMA = 'platform';

/** The tenant's login role (named `_owner` since the tenant owned its database; now it owns its objects). */
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
