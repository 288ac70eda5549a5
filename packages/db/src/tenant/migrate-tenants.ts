import { eq } from 'drizzle-orm';
import { defaultDbContext, type DbContext } from '../db-context.js';
import { projectResources } from '../schema/project-resources.js';
import type { MigrationSet } from '../migrations/run-migrations.js';
import { withTenantDatabase } from './connect-to-tenant-database.js';
import { migrateTenantSchema } from './create-tenant-schema.js';

export interface MigrateTenantsOptions {
  /** Tenant databases migrated at once. */
  concurrency?: number;
  /** The migrations to roll out; the package's tenant migrations by default. */
  migrations?: MigrationSet;
}

/** The outcome of rolling the tenant schema out. */
export interface MigrateTenantsReport {
  migrated: { databaseName: string; applied: number }[];
  failed: { databaseName: string; error: unknown }[];
}

/**
 * Brings every recorded tenant database to the latest tenant schema. A failure in one
 * tenant is reported and does not stop the others; running it again retries only what
 * is missing.
 */
export async function migrateTenants(
  options: MigrateTenantsOptions = {},
  ctx: DbContext = defaultDbContext(),
): Promise<MigrateTenantsReport> {
  const rows = await ctx.client.db
    .select({ databaseName: projectResources.resourceId })
    .from(projectResources)
    .where(eq(projectResources.resourceType, 'databases'))
    .orderBy(projectResources.createdAt);
  const queue = rows.map((row) => row.databaseName);
  const report: MigrateTenantsReport = { migrated: [], failed: [] };
  const worker = async (): Promise<void> => {
    for (let databaseName = queue.shift(); databaseName !== undefined; databaseName = queue.shift()) {
      try {
        const result = await withTenantDatabase(
          databaseName,
          (sql) => migrateTenantSchema(sql, databaseName, options.migrations),
          { fetchTypes: false },
          ctx,
        );
        report.migrated.push({ databaseName, applied: result.applied.length });
      } catch (error) {
        report.failed.push({ databaseName, error });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, worker));
  return report;
}
