import { SchemaCreationError } from '@org/errors';
import type { Sql } from 'postgres';
import { defaultDbContext, type DbContext } from '../db-context.js';
import { TENANT_MIGRATIONS } from '../migrate.js';
import { runMigrations, type MigrationReport, type MigrationSet } from '../migrations/run-migrations.js';
import { quoteIdentifier } from '../sql/quote.js';
import { withTenantDatabase } from './connect-to-tenant-database.js';
import { assertProjectId, assertTenantDatabaseName, tenantRoleName } from './tenant-names.js';

/** What the tenant schema now looks like. */
export interface TenantSchemaResult {
  databaseName: string;
  /** Migrations applied by this call (none when the schema was already current). */
  applied: number;
  /** Migrations recorded in the tenant's `schema_migrations` in all. */
  version: number;
}

/**
 * Creates the tenant schema inside its database: `schema_migrations`, `settings` (seeded
 * with the project id), `audit_logs` (with an entry for the provisioning) and their
 * indexes. Idempotent: running it again applies only missing migrations and seeds nothing twice.
 */
export async function createTenantSchema(
  databaseName: string,
  projectId: string,
  ctx: DbContext = defaultDbContext(),
): Promise<TenantSchemaResult> {
  assertTenantDatabaseName(databaseName);
  assertProjectId(projectId);
  try {
    return await withTenantDatabase(
      databaseName,
      async (sql) => {
        const report = await migrateTenantSchema(sql, databaseName);
        await sql.begin(async (tx) => {
          await tx`insert into settings (key, value) values ('project_id', ${tx.json(projectId)}) on conflict (key) do nothing`;
          await tx`
          insert into audit_logs (action, actor, resource_type, resource_id, details)
          select 'project.provisioned', 'control-plane', 'project', ${projectId}, ${tx.json({ databaseName })}
          where not exists (select 1 from audit_logs where action = 'project.provisioned')`;
        });
        return { databaseName, applied: report.applied.length, version: report.applied.length + report.skipped };
      },
      {},
      ctx,
    );
  } catch (error) {
    throw new SchemaCreationError(`Could not create the schema of ${databaseName}`, {
      cause: error,
      context: { databaseName, projectId },
    });
  }
}

/**
 * Applies the tenant migrations and gives the tenant role use of its tables. The
 * migrations table stays read-only to the tenant: its version history is ours.
 */
export async function migrateTenantSchema(
  sql: Sql,
  databaseName: string,
  migrations: MigrationSet = TENANT_MIGRATIONS,
): Promise<MigrationReport> {
  const report = await runMigrations(sql, migrations);
  const role = quoteIdentifier(tenantRoleName(databaseName));
  // One simple-protocol script: one round trip and one commit instead of four.
  await sql
    .unsafe(
      `grant usage on schema public to ${role};` +
        `grant select, insert, update, delete on all tables in schema public to ${role};` +
        `grant usage, select on all sequences in schema public to ${role};` +
        `revoke insert, update, delete on schema_migrations from ${role}`,
    )
    .simple();
  return report;
}
