import { defaultDbContext, type DbContext } from '../db-context.js';
import { readCopyStates, readMark } from './tenant-copy-mark.js';
import { findTenantDatabaseRecord } from './tenant-database-record.js';
import { toTenantSnapshot } from './snapshot-tenant-database.js';
import type { TenantSnapshot } from './tenant-snapshot.js';
import { assertTenantDatabaseName, assertTenantSnapshotName } from './tenant-names.js';

/**
 * The complete snapshots of a tenant database, oldest first, read from its cluster (every
 * configured cluster when the database is not recorded): the platform's databases named
 * `snap_*` whose mark names it. Half-made ones (see `snapshotTenantDatabase`) are left out.
 */
export async function listTenantSnapshots(
  databaseName: string,
  ctx: DbContext = defaultDbContext(),
): Promise<TenantSnapshot[]> {
  assertTenantDatabaseName(databaseName);
  const record = await findTenantDatabaseRecord(databaseName, ctx);
  const clusters = record ? [record.cluster.name] : ctx.clusters.allClusters().map((cluster) => cluster.name);
  const snapshots: TenantSnapshot[] = [];
  for (const cluster of clusters) {
    const admin = await ctx.clusters.admin(cluster);
    const rows = await admin<{ name: string; comment: string | null }[]>`
      select d.datname as name, pg_catalog.shobj_description(d.oid, 'pg_database') as comment
      from pg_catalog.pg_database d
      where pg_catalog.starts_with(d.datname, 'snap_')
        and d.datdba operator(pg_catalog.=) (select r.oid from pg_catalog.pg_roles r where r.rolname operator(pg_catalog.=) current_user)`;
    const names = rows
      .filter((row) => {
        const mark = readMark(row.comment);
        return mark?.kind === 'snapshot' && mark.of === databaseName;
      })
      .map((row) => row.name);
    if (names.length === 0) continue;
    for (const state of (await readCopyStates(admin, names, { size: true })).values()) {
      const snapshot = toTenantSnapshot(state, cluster);
      if (snapshot !== undefined) snapshots.push(snapshot);
    }
  }
  return snapshots.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}

/**
 * A complete snapshot by name, looked for on every configured cluster (one query each), or
 * undefined. Snapshot names carry no cluster: `cluster` saves the search when the caller
 * knows it (from the tenant database's record, say).
 */
export async function findTenantSnapshot(
  snapshotName: string,
  ctx: DbContext = defaultDbContext(),
  options: { cluster?: string } = {},
): Promise<TenantSnapshot | undefined> {
  assertTenantSnapshotName(snapshotName);
  const clusters = options.cluster === undefined ? ctx.clusters.allClusters().map((c) => c.name) : [options.cluster];
  for (const cluster of clusters) {
    const admin = await ctx.clusters.admin(cluster);
    const state = (await readCopyStates(admin, [snapshotName], { size: true })).get(snapshotName);
    const snapshot = state === undefined ? undefined : toTenantSnapshot(state, cluster);
    if (snapshot !== undefined) return snapshot;
  }
  return undefined;
}
