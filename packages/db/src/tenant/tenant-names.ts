import { ValidationError } from '@org/errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TENANT_DATABASE = /^tenant_[0-9a-f]{8}_[0-9a-f]{4}_[0-9a-f]{4}_[0-9a-f]{4}_[0-9a-f]{12}$/;
const TENANT_SNAPSHOT = /^snap_[0-9a-f]{8}_[0-9a-f]{4}_[0-9a-f]{4}_[0-9a-f]{4}_[0-9a-f]{12}$/;

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

/**
 * `snap_{snapshotId with _}`, lower-case: the name of a snapshot database, derived only from
 * a validated UUID the platform chooses (one per snapshot; a retry passes the same one).
 * Outside the `tenant_` namespace, so nothing that lists tenant databases sees a snapshot.
 */
export function tenantSnapshotName(snapshotId: string): string {
  assertProjectId(snapshotId, 'snapshotId');
  return `snap_${snapshotId.toLowerCase().replaceAll('-', '_')}`;
}

/** The snapshot id a snapshot database is named after: {@link tenantSnapshotName} the other way. */
export function snapshotIdOfName(snapshotName: string): string {
  assertTenantSnapshotName(snapshotName);
  return snapshotName.slice('snap_'.length).replaceAll('_', '-');
}

/** True for a snapshot database name (`snap_<uuid with underscores>`). */
export function isTenantSnapshotName(name: unknown): name is string {
  return typeof name === 'string' && TENANT_SNAPSHOT.test(name);
}

/** Throws a {@link ValidationError} unless `name` is a snapshot database name. */
export function assertTenantSnapshotName(name: unknown, path = 'snapshotName'): asserts name is string {
  if (!isTenantSnapshotName(name)) {
    throw new ValidationError([{ path, message: 'must be snap_<uuid with underscores>' }]);
  }
}

/**
 * The database a restore copies a snapshot into before it takes the tenant database's name
 * (`restoring_<uuid>` of the snapshot the replaced database is kept as): outside both the
 * `tenant_` and `snap_` namespaces, and derived from the restore's own name, so a retried
 * restore finds the copy an earlier attempt made.
 */
export function restoringDatabaseName(preserveAsName: string): string {
  assertTenantSnapshotName(preserveAsName, 'preserveAsName');
  return `restoring_${preserveAsName.slice('snap_'.length)}`;
}
