import { SchemaCreationError } from '@org/errors';
import type { Sql, TransactionSql } from 'postgres';
import { defaultDbContext, type DbContext } from '../db-context.js';
import { TENANT_MIGRATIONS } from '../migrate.js';
import { applyMigrations, type MigrationReport, type MigrationSet } from '../migrations/run-migrations.js';
import { quoteIdentifier, quoteLiteral } from '../sql/quote.js';
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
 * indexes, in one transaction. Idempotent: running it again applies only missing
 * migrations and seeds nothing twice.
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
      (sql) =>
        sql.begin(async (tx) => {
          const report = await migrateAndGrant(tx, databaseName, TENANT_MIGRATIONS);
          // Both values are validated (a UUID, a tenant database name): literals are safe,
          // and one script is one round trip.
          await tx
            .unsafe(
              `insert into settings (key, value) values ('project_id', ${quoteLiteral(JSON.stringify(projectId.toLowerCase()))}::jsonb) on conflict (key) do nothing;` +
                `insert into audit_logs (action, actor, resource_type, resource_id, details) ` +
                `select 'project.provisioned', 'control-plane', 'project', ${quoteLiteral(projectId.toLowerCase())}, ${quoteLiteral(JSON.stringify({ databaseName }))}::jsonb ` +
                `where not exists (select 1 from audit_logs where action = 'project.provisioned')`,
            )
            .simple();
          return { databaseName, applied: report.applied.length, version: report.applied.length + report.skipped };
        }),
      { fetchTypes: false },
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
export function migrateTenantSchema(
  sql: Sql,
  databaseName: string,
  migrations: MigrationSet = TENANT_MIGRATIONS,
): Promise<MigrationReport> {
  return sql.begin((tx) => migrateAndGrant(tx, databaseName, migrations));
}

async function migrateAndGrant(
  tx: TransactionSql,
  databaseName: string,
  migrations: MigrationSet,
): Promise<MigrationReport> {
  const report = await applyMigrations(tx, migrations);
  const role = quoteIdentifier(tenantRoleName(databaseName));
  await tx
    .unsafe(
      `grant usage on schema public to ${role};` +
        `grant select, insert, update, delete on all tables in schema public to ${role};` +
        `grant usage, select on all sequences in schema public to ${role};` +
        `revoke insert, update, delete on schema_migrations from ${role}`,
    )
    .simple();
  return report;
}
