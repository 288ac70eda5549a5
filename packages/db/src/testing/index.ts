export { createTestDatabase, type TestDatabase } from './create-test-database.js';
export { createTestDbContext, createTestProject } from './create-test-db-context.js';
export { testDatabaseUrl, testSecretKey } from './test-database-url.js';
export { migrationDrift, type MigrationDriftOptions } from './migration-drift.js';
export { startSilentServer, type SilentServer } from './start-silent-server.js';
export { waitFor, type WaitForOptions } from './wait-for.js';
export { findFreePort } from '../embedded/find-free-port.js';
export { canPartition, createNetworkNamespace, type NetworkNamespace } from './network-namespace.js';
export { startPostgresBeside, type PostgresBeside } from './start-postgres-beside.js';
