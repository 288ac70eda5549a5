import { DatabaseDropError } from '@org/errors';
import { defaultDbContext, type DbContext } from '../db-context.js';
import { removeProjectResource } from '../projects/project-resources.js';
import { quoteIdentifier } from '../sql/quote.js';
import { findTenantDatabaseRecord } from './tenant-database-record.js';
import { dropPooledDatabase } from './tenant-pool.js';
import { assertTenantDatabaseName, projectIdOfDatabase, tenantRoleName } from './tenant-names.js';

/**
 * Drops a tenant database and its role, terminating open connections first, and forgets
 * its record. Dropping a database that does not exist is a no-op. Where it lives comes
 * from `project_resources`; without a record, every configured cluster is cleaned. A
 * pooled database the project claimed but had not renamed yet is dropped with it.
 */
export async function dropTenantDatabase(databaseName: string, ctx: DbContext = defaultDbContext()): Promise<void> {
  assertTenantDatabaseName(databaseName);
  const roleName = tenantRoleName(databaseName);
  const record = await findTenantDatabaseRecord(databaseName, ctx);
  const clusters = record ? [record.cluster.name] : ctx.clusters.allClusters().map((cluster) => cluster.name);
  try {
    for (const cluster of clusters) {
      const admin = ctx.clusters.admin(cluster);
      // WITH (FORCE) terminates the tenant's sessions, so a connected client cannot block cleanup.
      await admin.unsafe(`drop database if exists ${quoteIdentifier(databaseName)} with (force)`);
      await admin.unsafe(`drop role if exists ${quoteIdentifier(roleName)}`);
      if (record?.metadata.pooled !== undefined) await dropPooledDatabase(admin, record.metadata.pooled, ctx);
    }
  } catch (error) {
    throw new DatabaseDropError(`Could not drop tenant database ${databaseName}`, {
      cause: error,
      context: { databaseName, clusters },
    });
  }
  await removeProjectResource(record?.projectId ?? projectIdOfDatabase(databaseName), 'databases', databaseName, ctx);
}
