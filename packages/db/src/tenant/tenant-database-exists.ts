import { defaultDbContext, type DbContext } from '../db-context.js';
import { findTenantDatabaseRecord } from './tenant-database-record.js';
import { assertTenantDatabaseName } from './tenant-names.js';

/** Whether the tenant database exists on its recorded cluster (or, unrecorded, on any cluster). */
export async function tenantDatabaseExists(
  databaseName: string,
  ctx: DbContext = defaultDbContext(),
): Promise<boolean> {
  assertTenantDatabaseName(databaseName);
  const record = await findTenantDatabaseRecord(databaseName, ctx);
  const clusters = record ? [record.cluster.name] : ctx.clusters.allClusters().map((cluster) => cluster.name);
  for (const cluster of clusters) {
    const admin = await ctx.clusters.admin(cluster);
    const rows = await admin`
      select 1 from pg_catalog.pg_database where datname operator(pg_catalog.=) ${databaseName}`;
    if (rows.length > 0) return true;
  }
  return false;
}
