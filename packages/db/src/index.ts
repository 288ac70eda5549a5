export {
  createControlPlaneClient,
  type ControlPlaneClient,
  type ControlPlaneClientOptions,
} from './client/control-plane-client.js';
export { NotificationFeed, openNotificationFeed, type NotificationFeedOptions } from './client/notification-feed.js';
export { reconnectBackoff } from './client/reconnect-backoff.js';
export {
  MAX_KEYS_PER_QUERY,
  MAX_QUEUED_LOOKUPS,
  SharedLookups,
  type CancellableQuery,
  type SharedLookup,
  type SharedLookupQueries,
  type SharedLookupsOptions,
} from './client/shared-lookups.js';
export {
  clientTimeouts,
  DEAD_CLIENT_DETECTION,
  deadClientDetection,
  SESSION_LIMITS,
  sessionParameters,
  type DeadClientDetection,
  type SessionLimits,
} from './client/session-limits.js';
export {
  createDbContext,
  defaultDbContext,
  setDefaultDbContext,
  type DbContext,
  type DbContextOptions,
} from './db-context.js';
export {
  EMBEDDED_MAX_CONNECTIONS,
  EMBEDDED_RESERVED_CONNECTIONS,
  startEmbeddedPostgres,
  type EmbeddedPostgresOptions,
  type EmbeddedPostgresServer,
} from './embedded/start-embedded-postgres.js';
export { EmbeddedPostgresError, type EmbeddedPostgresFailure } from './embedded/embedded-postgres-error.js';
export {
  findRunningEmbeddedPostgres,
  type RunningEmbeddedPostgres,
} from './embedded/find-running-embedded-postgres.js';
export { LruMap } from './lru-map.js';
export { CONTROL_PLANE_MIGRATIONS, migrate, TENANT_MIGRATIONS } from './migrate.js';
export {
  applyMigrations,
  runMigrations,
  type MigrationReport,
  type MigrationSet,
} from './migrations/run-migrations.js';
export { branchName, PROJECT_NAME_MAX } from './projects/branch-name.js';
export { createProject, getProject, type CreateProjectParams } from './projects/create-project.js';
export { PROJECT_LOCK_PREFIX, projectLockKey } from './projects/project-lock-key.js';
export {
  readDatabaseMetadata,
  type ApiKeyResourceMetadata,
  type DatabaseResourceMetadata,
  type ResourceMetadata,
  type ResourceMetadataByType,
  type ServiceResourceMetadata,
} from './projects/resource-metadata.js';
export {
  findProjectResource,
  listProjectResources,
  recordProjectResource,
  removeProjectResource,
} from './projects/project-resources.js';
export {
  clusterConfigSchema,
  parseClusterConfig,
  postgresUrlSchema,
  singleClusterConfig,
  type ClusterConfig,
  type TenantCluster,
} from './regions/cluster-config.js';
export { ClusterRouter, type ClusterRouterOptions } from './regions/cluster-router.js';
export { isRegionAvailable } from './regions/is-region-available.js';
export { isKnownRegion, REGIONS, type Region } from './regions/regions.js';
export * from './schema/index.js';
export { loadSecretKey, type SecretKeySource } from './secrets/load-secret-key.js';
export { scramSha256Verifier } from './secrets/scram-verifier.js';
export { createSecretBox, type SecretBox } from './secrets/secret-box.js';
export { quoteIdentifier } from './sql/quote.js';
export {
  connectToTenantDatabase,
  withTenantDatabase,
  type TenantConnectionOptions,
} from './tenant/connect-to-tenant-database.js';
export {
  createTenantDatabase,
  TENANT_CONNECTION_LIMIT,
  type CreateTenantDatabaseOptions,
  type TenantDatabaseSource,
} from './tenant/create-tenant-database.js';
export { ensureTenantTemplate, tenantTemplateName } from './tenant/tenant-template.js';
export { TENANT_LOCALE } from './tenant/create-database-statement.js';
export { ownPooledDatabasePrefix, POOLED_DATABASE_PREFIX } from './tenant/pooled-database-prefix.js';
export {
  readTenantPool,
  refillTenantPool,
  type RefillTenantPoolOptions,
  type TenantPoolRefill,
  type TenantPoolState,
} from './tenant/tenant-pool.js';
export { hardenTenantCluster } from './tenant/harden-tenant-cluster.js';
export { convertTenantDatabases, type TenantConversion } from './tenant/convert-tenant-databases.js';
export { MIN_TENANT_CLUSTER_VERSION, type PlatformAccess } from './tenant/prepare-tenant-cluster.js';
export { PLATFORM_SESSION } from './tenant/platform-session.js';
export {
  openPlatformSession,
  withPlatformSession,
  type PlatformSessionOptions,
} from './tenant/open-platform-session.js';
export { resetTenantPassword } from './tenant/reset-tenant-password.js';
export {
  createTenantSchema,
  migrateTenantSchema,
  type CreateTenantSchemaOptions,
  type TenantSchemaResult,
} from './tenant/create-tenant-schema.js';
export { dropTenantDatabase } from './tenant/drop-tenant-database.js';
export {
  BRANCH_CHECKPOINTS,
  branchTenantDatabase,
  type BranchCheckpoint,
  type BranchTenantDatabaseOptions,
  type TenantBranch,
} from './tenant/branch-tenant-database.js';
export { reopenTenantDatabase } from './tenant/close-tenant-database.js';
export { dropTenantSnapshot } from './tenant/drop-tenant-snapshot.js';
export { findProjectSnapshot } from './tenant/find-project-snapshot.js';
export { findTenantSnapshot, listTenantSnapshots } from './tenant/list-tenant-snapshots.js';
export {
  RESTORE_CHECKPOINTS,
  restoreTenantDatabase,
  type RestoreCheckpoint,
  type RestoreTenantDatabaseOptions,
  type TenantRestoreResult,
} from './tenant/restore-tenant-database.js';
export {
  SNAPSHOT_CHECKPOINTS,
  snapshotTenantDatabase,
  type SnapshotCheckpoint,
  type SnapshotTenantDatabaseOptions,
  type TenantSnapshotResult,
} from './tenant/snapshot-tenant-database.js';
export type { TenantSnapshot } from './tenant/tenant-snapshot.js';
export { migrateTenants, type MigrateTenantsOptions, type MigrateTenantsReport } from './tenant/migrate-tenants.js';
export { openTenantCredentials, type TenantCredentials } from './tenant/open-tenant-credentials.js';
export { setTenantLogin } from './tenant/set-tenant-login.js';
export { tenantConnectionUrl } from './tenant/tenant-connection-url.js';
export { findTenantDatabaseRecord, type TenantDatabaseRecord } from './tenant/tenant-database-record.js';
export type { TenantDatabase } from './tenant/tenant-database.js';
export { tenantDatabaseExists } from './tenant/tenant-database-exists.js';
export {
  assertProjectId,
  assertTenantDatabaseName,
  assertTenantSnapshotName,
  isTenantDatabaseName,
  isTenantSnapshotName,
  isUuid,
  PLATFORM_SCHEMA,
  projectIdOfDatabase,
  tenantDatabaseName,
  tenantRoleName,
  snapshotIdOfName,
  tenantSnapshotName,
} from './tenant/tenant-names.js';
export * as tenantSchema from './tenant-schema/index.js';
