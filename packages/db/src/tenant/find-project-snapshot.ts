import { defaultDbContext, type DbContext } from '../db-context.js';
import { findTenantSnapshot } from './list-tenant-snapshots.js';
import { tenantDatabaseName, tenantSnapshotName } from './tenant-names.js';
import type { TenantSnapshot } from './tenant-snapshot.js';

/**
 * Snapshot `snapshotId` when it is one of project `projectId`'s, else undefined: another
 * project's snapshot is not found either, so an id cannot reach across projects (a restore or
 * a branch names the source project and the snapshot separately). Both ids are UUIDs.
 */
export async function findProjectSnapshot(
  projectId: string,
  snapshotId: string,
  ctx: DbContext = defaultDbContext(),
): Promise<TenantSnapshot | undefined> {
  const snapshot = await findTenantSnapshot(tenantSnapshotName(snapshotId), ctx);
  return snapshot?.databaseName === tenantDatabaseName(projectId) ? snapshot : undefined;
}
