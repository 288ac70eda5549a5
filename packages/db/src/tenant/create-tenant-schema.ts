import { SchemaCreationError } from '@org/errors';
import type { Sql, TransactionSql } from 'postgres';
import { defaultDbContext, type DbContext } from '../db-context.js';
import { TENANT_MIGRATIONS } from '../migrate.js';
import {
  applyMigrations,
  planMigrations,
  type MigrationReport,
  type MigrationSet,
} from '../migrations/run-migrations.js';
import { quoteIdentifier, quoteLiteral } from '../sql/quote.js';
import { connectToTenantDatabase } from './connect-to-tenant-database.js';
import { assertProjectId, assertTenantDatabaseName, tenantRoleName } from './tenant-names.js';

/** What the tenant schema now looks like. */
export interface TenantSchemaResult {
  databaseName: string;
  /** Migrations applied by this call (none when the schema was already current). */
  applied: number;
  /** Migrations recorded in the tenant's `schema_migrations` in all. */
  version: number;
}

/** Options of {@link createTenantSchema}. */
export interface CreateTenantSchemaOptions {
  /** The database's cluster, when the caller has it from the creation: saves reading the record. */
  cluster?: string;
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
  options: CreateTenantSchemaOptions = {},
): Promise<TenantSchemaResult> {
  assertTenantDatabaseName(databaseName);
  assertProjectId(projectId);
  let sql: Sql | undefined;
  try {
    sql = await connectToTenantDatabase(databaseName, { fetchTypes: false, cluster: options.cluster }, ctx);
    // Two round trips: begin and read the applied migrations; then what is missing, the
    // grants, the seed and the commit as one script (a database copied from the tenant
    // template has every migration, so the first run usually applies none). The client has
    // one connection: an error leaves the transaction open on it, and closing it rolls back.
    const plan = planMigrations(TENANT_MIGRATIONS);
    const { statements, report } = plan.pending(await sql.unsafe(`begin;${plan.prologue}`).simple());
    // Both values are validated (a UUID, a tenant database name): literals are safe.
    const id = projectId.toLowerCase();
    await sql
      .unsafe(
        [
          ...statements,
          ...grantStatements(databaseName),
          `insert into settings (key, value) values ('project_id', ${quoteLiteral(JSON.stringify(id))}::jsonb) on conflict (key) do nothing`,
          `insert into audit_logs (action, actor, resource_type, resource_id, details) ` +
            `select 'project.provisioned', 'control-plane', 'project', ${quoteLiteral(id)}, ${quoteLiteral(JSON.stringify({ databaseName }))}::jsonb ` +
            `where not exists (select 1 from audit_logs where action = 'project.provisioned')`,
          'commit',
        ].join('\n;\n'),
      )
      .simple();
    return { databaseName, applied: report.applied.length, version: report.applied.length + report.skipped };
  } catch (error) {
    throw new SchemaCreationError(`Could not create the schema of ${databaseName}`, {
      cause: error,
      context: { databaseName, projectId },
    });
  } finally {
    // Not waited for: the work is committed (or rolled back by the close), and a backend
    // takes milliseconds to exit that nothing here needs to wait for.
    sql?.end({ timeout: 5 }).catch(() => undefined);
  }
}

/** Applies the tenant migrations and gives the tenant role use of its tables (see `grantStatements`). */
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
  await tx.unsafe(grantStatements(databaseName).join(';')).simple();
  return report;
}

/**
 * The tenant role's use of its tables. The migrations table stays read-only to the
 * tenant: its version history is ours.
 */
function grantStatements(databaseName: string): string[] {
  const role = quoteIdentifier(tenantRoleName(databaseName));
  return [
    `grant usage on schema public to ${role}`,
    `grant select, insert, update, delete on all tables in schema public to ${role}`,
    `grant usage, select on all sequences in schema public to ${role}`,
    `revoke insert, update, delete on schema_migrations from ${role}`,
  ];
}
