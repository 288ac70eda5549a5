import { randomBytes } from 'node:crypto';
import { classifyError, DatabaseCreationError, ProjectNotFoundError, RegionUnavailableError } from '@org/errors';
import type { Sql } from 'postgres';
import { defaultDbContext, type DbContext } from '../db-context.js';
import type { DatabaseResourceMetadata } from '../projects/resource-metadata.js';
import type { TenantCluster } from '../regions/cluster-config.js';
import { scramSha256Verifier } from '../secrets/scram-verifier.js';
import { quoteIdentifier, quoteLiteral } from '../sql/quote.js';
import { toTenantDatabaseRecord, type TenantDatabaseRecord } from './tenant-database-record.js';
import { tenantConnectionUrl } from './tenant-connection-url.js';
import type { TenantDatabase } from './tenant-database.js';
import { tenantDatabaseName, tenantRoleName } from './tenant-names.js';
import { ensureTenantTemplate, forgetTenantTemplate, TENANT_LOCALE } from './tenant-template.js';

/** Connections a tenant may hold open at once (per database and per role). */
export const TENANT_CONNECTION_LIMIT = 20;

/**
 * Creates the tenant database of a project on its region's least-loaded reachable
 * cluster, owned by a new login role, with CONNECT revoked from PUBLIC so no other tenant
 * can reach it. Idempotent: for an existing database it returns the same cluster and
 * password. The database is recorded in `project_resources` before it is created, so a
 * crash halfway leaves a record a retry or cleanup will find.
 */
export async function createTenantDatabase(
  projectId: string,
  region: string,
  ctx: DbContext = defaultDbContext(),
): Promise<TenantDatabase> {
  const databaseName = tenantDatabaseName(projectId);
  const roleName = tenantRoleName(databaseName);
  const candidates = ctx.clusters.clustersFor(region);
  const { record, password } = await reserveTenantDatabase(projectId.toLowerCase(), region, candidates, ctx);
  const { cluster } = record;
  const admin = ctx.clusters.admin(cluster.name);
  try {
    await createRole(admin, roleName, password);
    await createDatabase(admin, databaseName, roleName, cluster.name, ctx);
    // One simple-protocol script: one round trip and one commit for both.
    await admin
      .unsafe(
        `revoke all on database ${quoteIdentifier(databaseName)} from public;` +
          `grant connect, temporary on database ${quoteIdentifier(databaseName)} to ${quoteIdentifier(roleName)}`,
      )
      .simple();
  } catch (error) {
    throw new DatabaseCreationError(`Could not create tenant database ${databaseName}`, {
      cause: error,
      context: { projectId, region, cluster: cluster.name, databaseName },
    });
  }
  if (record.metadata.status !== 'ready') {
    // Committed without waiting for the disk: a lost `ready` only makes a retry repeat the
    // (idempotent) DDL above, and the next durable commit on this server flushes it anyway.
    await ctx.client.sql`
      with async as (select set_config('synchronous_commit', 'off', true))
      update control_plane.project_resources
      set metadata = metadata || '{"status":"ready"}'::jsonb, updated_at = now()
      where project_id = ${record.projectId} and resource_type = 'databases' and resource_id = ${databaseName}
        and exists (select 1 from async)`;
  }
  const url = new URL(cluster.url);
  return {
    projectId: record.projectId,
    databaseName,
    roleName,
    region,
    cluster: cluster.name,
    host: url.hostname,
    port: Number(url.port || 5432),
    password,
    connectionString: tenantConnectionUrl(cluster.url, databaseName, { user: roleName, password }),
  };
}

/**
 * Picks the cluster and password and records them in one statement, or returns what an
 * earlier attempt recorded: a retried creation must land on the same cluster with the
 * same password. The project's existence is checked in the same statement.
 */
async function reserveTenantDatabase(
  projectId: string,
  region: string,
  candidates: readonly TenantCluster[],
  ctx: DbContext,
): Promise<{ record: TenantDatabaseRecord; password: string }> {
  const databaseName = tenantDatabaseName(projectId);
  const existing = await recordedMetadata(projectId, databaseName, ctx);
  if (existing === undefined) throw new ProjectNotFoundError(projectId);
  if (existing.metadata === null) {
    const cluster = await leastLoadedReachableCluster(region, candidates, ctx);
    const password = randomBytes(24).toString('base64url');
    const metadata: DatabaseResourceMetadata = {
      status: 'creating',
      region,
      cluster: cluster.name,
      role: tenantRoleName(databaseName),
      passwordSealed: ctx.secrets.seal(password, databaseName),
    };
    // As text: Drizzle replaces the pool's JSON serializers with pass-through ones.
    const [inserted] = await ctx.client.sql<{ inserted: boolean }[]>`
      insert into control_plane.project_resources (project_id, resource_type, resource_id, metadata)
      values (${projectId}, 'databases', ${databaseName}, ${JSON.stringify(metadata)}::jsonb)
      on conflict (project_id, resource_type, resource_id) do nothing
      returning true as inserted`;
    if (inserted !== undefined)
      return { record: toTenantDatabaseRecord(projectId, databaseName, metadata, ctx), password };
  }
  // Recorded by an earlier attempt, or by a concurrent creation that won the insert.
  const recorded = existing.metadata ?? (await recordedMetadata(projectId, databaseName, ctx))?.metadata;
  const record = toTenantDatabaseRecord(projectId, databaseName, recorded, ctx);
  return { record, password: ctx.secrets.open(record.metadata.passwordSealed, databaseName) };
}

/** undefined when the project does not exist; `metadata` null when no database is recorded. */
async function recordedMetadata(
  projectId: string,
  databaseName: string,
  ctx: DbContext,
): Promise<{ metadata: unknown } | undefined> {
  const [row] = await ctx.client.sql<{ metadata: unknown }[]>`
    select r.metadata from control_plane.projects p
    left join control_plane.project_resources r
      on r.project_id = p.id and r.resource_type = 'databases' and r.resource_id = ${databaseName}
    where p.id = ${projectId}`;
  return row;
}

async function leastLoadedReachableCluster(
  region: string,
  candidates: readonly TenantCluster[],
  ctx: DbContext,
): Promise<TenantCluster> {
  let ordered = candidates;
  if (candidates.length > 1) {
    // One row per candidate (kept by a trigger): the same cost at 100 or 100,000 tenants.
    const loads = await ctx.client.sql<{ cluster: string; databases: number }[]>`
      select cluster, databases from control_plane.cluster_load
      where cluster = any(${candidates.map((cluster) => cluster.name)})`;
    const load = new Map(loads.map((row) => [row.cluster, row.databases]));
    ordered = [...candidates].sort((a, b) => (load.get(a.name) ?? 0) - (load.get(b.name) ?? 0));
  }
  const failures: string[] = [];
  for (const cluster of ordered) {
    if (await ctx.clusters.isReachable(cluster.name)) return cluster;
    failures.push(cluster.name);
  }
  // Unreachable now may be reachable in a minute: let the job retry.
  throw new RegionUnavailableError(region, {
    message: `No reachable cluster in region ${region} (tried ${failures.join(', ')})`,
    retryable: true,
  });
}

async function createRole(admin: Sql, roleName: string, password: string): Promise<void> {
  // The verifier, not the password, goes over the wire and into any statement log. One
  // statement whether the role exists (a retry) or two creations race for it. Its commit
  // need not wait for the disk: CREATE DATABASE, next on the same server, commits durably
  // after it, and WAL is flushed in order.
  const verifier = quoteLiteral(scramSha256Verifier(password));
  const options = `login nosuperuser nocreatedb nocreaterole noinherit noreplication nobypassrls connection limit ${TENANT_CONNECTION_LIMIT}`;
  const role = quoteIdentifier(roleName);
  await admin.unsafe(
    `do $$ begin perform set_config('synchronous_commit', 'off', true); ` +
      `create role ${role} with ${options} password ${verifier}; ` +
      `exception when duplicate_object or unique_violation then alter role ${role} with ${options} password ${verifier}; end $$`,
  );
}

/**
 * Copies the cluster's template of the current tenant schema, so that the database arrives
 * with its schema (the schema step then only grants and seeds). When the template cannot be
 * built, or the copy fails (the template went away under it: dropped for a newer schema
 * version, or by hand), the database is made from `template0`: slower, never a failure.
 */
async function createDatabase(
  admin: Sql,
  databaseName: string,
  roleName: string,
  cluster: string,
  ctx: DbContext,
): Promise<void> {
  const template = await ensureTenantTemplate(cluster, ctx).catch(() => undefined);
  if (template !== undefined) {
    try {
      return await copyDatabase(admin, databaseName, roleName, template);
    } catch {
      forgetTenantTemplate(cluster, ctx);
    }
  }
  await copyDatabase(admin, databaseName, roleName, 'template0');
}

async function copyDatabase(admin: Sql, databaseName: string, roleName: string, template: string): Promise<void> {
  try {
    await admin.unsafe(
      `create database ${quoteIdentifier(databaseName)} with owner ${quoteIdentifier(roleName)} template ${quoteIdentifier(template)} ` +
        `encoding 'UTF8' lc_collate ${quoteLiteral(TENANT_LOCALE)} lc_ctype ${quoteLiteral(TENANT_LOCALE)} ` +
        `connection limit ${TENANT_CONNECTION_LIMIT}`,
    );
  } catch (error) {
    // 42P04 after a retried CREATE, or 23505 when two creations race: the database exists.
    const code = classifyError(error).code;
    if (code !== '42P04' && code !== '23505') throw error;
    await admin.unsafe(`alter database ${quoteIdentifier(databaseName)} owner to ${quoteIdentifier(roleName)}`);
  }
}
