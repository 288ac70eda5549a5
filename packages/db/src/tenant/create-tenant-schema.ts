import { SchemaCreationError } from '@org/errors';
import type { Sql } from 'postgres';
import { defaultDbContext, type DbContext } from '../db-context.js';
import { TENANT_MIGRATIONS } from '../migrate.js';
import { planMigrations, type MigrationReport, type MigrationSet } from '../migrations/run-migrations.js';
import { quoteIdentifier, quoteLiteral } from '../sql/quote.js';
import { connectToTenantDatabase } from './connect-to-tenant-database.js';
import { runPastTenantLocks } from './run-past-tenant-locks.js';
import { assertProjectId, assertTenantDatabaseName, PLATFORM_SCHEMA, tenantRoleName } from './tenant-names.js';

/** What the tenant schema now looks like. */
export interface TenantSchemaResult {
  databaseName: string;
  /** Migrations applied by this call (none when the schema was already current). */
  applied: number;
  /** Migrations recorded in the tenant's `platform.schema_migrations` in all. */
  version: number;
}

/** Options of {@link createTenantSchema}. */
export interface CreateTenantSchemaOptions {
  /** The database's cluster, when the caller has it from the creation: saves reading the record. */
  cluster?: string;
}

/**
 * Creates the tenant schema inside its database, as the platform: `platform.schema_migrations`,
 * `platform.settings` (seeded with the project id), `platform.audit_logs` (with an entry for
 * the provisioning) and their indexes, and gives the tenant role `public` for its own objects
 * and read access to the platform's tables; in one transaction. Idempotent: running it
 * again applies only missing migrations and seeds nothing twice.
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
    const id = projectId.toLowerCase();
    // Both values are validated (a UUID, a tenant database name): literals are safe.
    const seed = [
      `insert into ${PLATFORM_SCHEMA}.settings (key, value) values ('project_id', ${quoteLiteral(JSON.stringify(id))}::pg_catalog.jsonb) on conflict (key) do nothing`,
      `insert into ${PLATFORM_SCHEMA}.audit_logs (action, actor, resource_type, resource_id, details) ` +
        `select 'project.provisioned', 'control-plane', 'project', ${quoteLiteral(id)}, ${quoteLiteral(JSON.stringify({ databaseName }))}::pg_catalog.jsonb ` +
        `where not exists (select from ${PLATFORM_SCHEMA}.audit_logs where action operator(pg_catalog.=) 'project.provisioned')`,
    ];
    const report = await migrateWith(sql, databaseName, TENANT_MIGRATIONS, seed);
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

/**
 * Applies the tenant migrations on a platform client of a tenant database (one that
 * `connectToTenantDatabase` opened) and gives the tenant role its grants (see
 * `grantStatements`), in one transaction.
 */
export function migrateTenantSchema(
  sql: Sql,
  databaseName: string,
  migrations: MigrationSet = TENANT_MIGRATIONS,
): Promise<MigrationReport> {
  return migrateWith(sql, databaseName, migrations, []);
}

/**
 * Two round trips, on one connection of the client: begin, check that the platform's schema
 * is the platform's, lock and read the applied migrations; then what is missing, the
 * grants, `extra` and the commit as one script (a database copied from the tenant template
 * has every migration, so the first run usually applies none). An error rolls the
 * transaction back.
 */
async function migrateWith(
  sql: Sql,
  databaseName: string,
  migrations: MigrationSet,
  extra: string[],
): Promise<MigrationReport> {
  const plan = planMigrations(migrations);
  const connection = await sql.reserve();
  try {
    return await runPastTenantLocks(connection, tenantRoleName(databaseName), async () => {
      try {
        const { statements, report } = plan.pending(
          await connection.unsafe(`begin;${platformSchemaGuard(migrations.schema)};${plan.prologue}`).simple(),
        );
        await connection
          .unsafe(
            [...statements, ...grantStatements(databaseName, migrations.schema), ...extra, 'commit'].join('\n;\n'),
          )
          .simple();
        return report;
      } catch (error) {
        await connection.unsafe('rollback').catch(() => undefined);
        throw error;
      }
    });
  } finally {
    connection.release();
  }
}

/**
 * Refuses to go on when the platform's schema exists but is not the platform's: the
 * migrations would otherwise read a bookkeeping table (or a view named like it) that
 * someone else could have replaced. Only a database made before the boundary can have such
 * a schema (its tenant could create schemas); the conversion renames it.
 */
function platformSchemaGuard(schema: string): string {
  return (
    `do $guard$ begin if exists (select from pg_catalog.pg_namespace n where n.nspname operator(pg_catalog.=) ${quoteLiteral(schema)} ` +
    `and n.nspowner operator(pg_catalog.<>) (select r.oid from pg_catalog.pg_roles r where r.rolname operator(pg_catalog.=) current_user)) ` +
    `then raise exception 'schema % is not owned by the platform', ${quoteLiteral(schema)} using errcode = '42501'; end if; end $guard$`
  );
}

/**
 * The tenant role's rights: `public` for its own objects (usage and create), and read
 * access to the platform's schema, nothing more. Its tables' version history, settings and
 * audit trail are the platform's: the tenant can read them but not change, lock for
 * writing, or put a trigger on them. The revoke also takes back what a database made before
 * the boundary had granted.
 */
function grantStatements(databaseName: string, schema: string): string[] {
  const role = quoteIdentifier(tenantRoleName(databaseName));
  const platform = quoteIdentifier(schema);
  return [
    `create schema if not exists public`,
    `grant usage, create on schema public to ${role}`,
    `grant usage on schema ${platform} to ${role}`,
    `revoke all on all tables in schema ${platform} from ${role}`,
    `grant select on all tables in schema ${platform} to ${role}`,
  ];
}
