import { randomBytes } from 'node:crypto';
import { classifyError, DatabaseCreationError, ProjectNotFoundError, RegionUnavailableError } from '@org/errors';
import type { Sql } from 'postgres';
import { defaultDbContext, type DbContext } from '../db-context.js';
import type { DatabaseResourceMetadata } from '../projects/resource-metadata.js';
import type { TenantCluster } from '../regions/cluster-config.js';
import { scramSha256VerifierAsync } from '../secrets/scram-verifier.js';
import { quoteIdentifier, quoteLiteral } from '../sql/quote.js';
import { toTenantDatabaseRecord, type TenantDatabaseRecord } from './tenant-database-record.js';
import { tenantConnectionUrl } from './tenant-connection-url.js';
import type { TenantDatabase } from './tenant-database.js';
import { tenantDatabaseName, tenantRoleName } from './tenant-names.js';
import { createDatabaseStatement } from './create-database-statement.js';
import { ensureTenantTemplate, forgetTenantTemplate, tenantTemplateName } from './tenant-template.js';

/** Connections a tenant may hold open at once (per database and per role). */
export const TENANT_CONNECTION_LIMIT = 20;

/** Where a tenant database came from: see {@link CreateTenantDatabaseOptions}. */
export type TenantDatabaseSource = 'pool' | 'template' | 'template0' | 'existing';

export interface CreateTenantDatabaseOptions {
  /**
   * Claim a database from the cluster's warm pool (see `refillTenantPool`) when one of the
   * current template is ready; default true. An empty pool is not an error: the database is
   * then copied from the template.
   */
  pool?: boolean;
  /**
   * Called at `reserved` (the database is recorded, with its cluster and sealed password,
   * and claimed from the pool when it had one), `claimed` (a pooled database is recorded
   * as the project's, not yet renamed) and `copied` (a copied database and its role exist,
   * the database not yet the role's nor closed to PUBLIC). Tests kill the process there;
   * the worker starts the steps beside this one at `reserved`.
   */
  checkpoint?: (name: 'reserved' | 'claimed' | 'copied') => Promise<void> | void;
}

/**
 * Creates the tenant database of a project on its region's least-loaded reachable
 * cluster, with a new login role of its own: the platform role owns the database, the
 * tenant role gets CONNECT and TEMPORARY (PUBLIC nothing, so no other tenant can reach it),
 * and the schema step gives it `public`. Owning nothing at the database level, the tenant
 * cannot change the database's settings, template flag or connection limit. The database
 * is a warm-pool one renamed to the project's when the pool has one, else a copy of the
 * cluster's tenant template (else of `template0`). Idempotent: for an existing database
 * it returns the same cluster and password. The database is recorded
 * in `project_resources` before it is created or claimed, so a crash halfway leaves a
 * record a retry or cleanup will find.
 */
export async function createTenantDatabase(
  projectId: string,
  region: string,
  ctx: DbContext = defaultDbContext(),
  options: CreateTenantDatabaseOptions = {},
): Promise<TenantDatabase & { source: TenantDatabaseSource }> {
  const databaseName = tenantDatabaseName(projectId);
  const roleName = tenantRoleName(databaseName);
  const candidates = ctx.clusters.clustersFor(region);
  const { record, password, verifier } = await reserveTenantDatabase(
    projectId.toLowerCase(),
    region,
    candidates,
    options.pool ?? true,
    ctx,
  );
  const { cluster } = record;
  const { pooled } = record.metadata;
  let source: TenantDatabaseSource = 'existing';
  try {
    const admin = await ctx.clusters.admin(cluster.name);
    await options.checkpoint?.('reserved');
    if (pooled !== undefined && record.metadata.status !== 'ready') {
      await options.checkpoint?.('claimed');
      if (await adoptPooledDatabase(admin, pooled, databaseName, roleName, await verifier)) source = 'pool';
    }
    if (source !== 'pool') {
      // The role is made on a second connection while the database is copied (closed to the
      // role until the script below grants it CONNECT): a role's commit is off the path a
      // project waits on.
      const role = verifier.then((scram) => createRole(admin, roleName, scram));
      role.catch(() => undefined); // awaited below, unless the copy fails first
      source = await createDatabase(admin, databaseName, cluster.name, ctx);
      await role;
      await options.checkpoint?.('copied');
      // One simple-protocol script: one round trip and one commit. The database stays the
      // platform's: the tenant gets in, and owns only what it makes inside.
      await admin
        .unsafe(
          `select ${lockTenant(databaseName)};` +
            `revoke all on database ${quoteIdentifier(databaseName)} from public;` +
            `grant connect, temporary on database ${quoteIdentifier(databaseName)} to ${quoteIdentifier(roleName)}`,
        )
        .simple();
    }
  } catch (error) {
    throw new DatabaseCreationError(`Could not create tenant database ${databaseName}`, {
      cause: error,
      context: { projectId, region, cluster: cluster.name, databaseName },
    });
  }
  if (record.metadata.status !== 'ready') await markTenantDatabaseReady(record, ctx);
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
    source,
  };
}

/**
 * Marks a recorded tenant database `ready`. Committed without waiting for the disk: a lost
 * `ready` only makes a retry repeat the (idempotent) DDL before it, and the next durable
 * commit on this server flushes it anyway. The claimed pool row goes in the same commit:
 * the database is the project's now.
 */
export async function markTenantDatabaseReady(record: TenantDatabaseRecord, ctx: DbContext): Promise<void> {
  await ctx.client.sql`
    with async as (select set_config('synchronous_commit', 'off', true)),
    claimed as (delete from control_plane.tenant_pool where database_name = ${record.metadata.pooled ?? null})
    update control_plane.project_resources
    set metadata = metadata || '{"status":"ready"}'::jsonb, updated_at = now()
    where project_id = ${record.projectId} and resource_type = 'databases' and resource_id = ${record.databaseName}
      and exists (select 1 from async)`;
}

/**
 * Picks the cluster and password and records them in one statement, or returns what an
 * earlier attempt recorded: a retried creation must land on the same cluster with the
 * same password. The project's existence is checked in the same statement. With `pool`,
 * the same statement claims the oldest ready pooled database of the current template on
 * that cluster (`for update skip locked`: two claims never take the same one) and names it
 * in the record, so a claim and its record commit together.
 */
export async function reserveTenantDatabase(
  projectId: string,
  region: string,
  candidates: readonly TenantCluster[],
  pool: boolean,
  ctx: DbContext,
): Promise<{ record: TenantDatabaseRecord; password: string; verifier: Promise<string> }> {
  const databaseName = tenantDatabaseName(projectId);
  // Side by side: a first attempt needs both, and the record is read on the control plane
  // while the cluster answers. A retry that finds its record discards the choice.
  const choice = leastLoadedReachableCluster(region, candidates, ctx);
  choice.catch(() => undefined); // awaited below, or not needed
  const existing = await recordedMetadata(projectId, databaseName, ctx);
  if (existing === undefined) throw new ProjectNotFoundError(projectId);
  if (existing.metadata === null) {
    const cluster = await choice;
    const password = randomBytes(24).toString('base64url');
    // Derived on the thread pool while the record is written.
    const verifier = scramSha256VerifierAsync(password);
    verifier.catch(() => undefined); // awaited by the caller, unless the insert fails first
    const metadata: DatabaseResourceMetadata = {
      status: 'creating',
      region,
      cluster: cluster.name,
      role: tenantRoleName(databaseName),
      passwordSealed: ctx.secrets.seal(password, databaseName),
    };
    // As text: Drizzle replaces the pool's JSON serializers with pass-through ones. Without
    // `pool` the template compared is null, which no row matches: nothing is claimed.
    const [inserted] = await ctx.client.sql<{ metadata: string }[]>`
      with claimed as (
        update control_plane.tenant_pool set state = 'claimed', project_id = ${projectId}, claimed_at = now()
        where database_name = (
          select database_name from control_plane.tenant_pool
          where cluster = ${cluster.name} and template = ${pool ? tenantTemplateName(ctx) : null} and state = 'ready'
          order by created_at limit 1 for update skip locked)
        returning database_name)
      insert into control_plane.project_resources (project_id, resource_type, resource_id, metadata)
      select ${projectId}, 'databases', ${databaseName},
             ${JSON.stringify(metadata)}::jsonb || coalesce((select jsonb_build_object('pooled', database_name) from claimed), '{}')
      on conflict (project_id, resource_type, resource_id) do nothing
      returning metadata::text as metadata`;
    // A claim whose insert lost to a concurrent creation is left to the next refill, which
    // drops claimed databases no record names.
    if (inserted !== undefined)
      return {
        record: toTenantDatabaseRecord(projectId, databaseName, JSON.parse(inserted.metadata), ctx),
        password,
        verifier,
      };
  }
  // Recorded by an earlier attempt, or by a concurrent creation that won the insert.
  const recorded = existing.metadata ?? (await recordedMetadata(projectId, databaseName, ctx))?.metadata;
  const record = toTenantDatabaseRecord(projectId, databaseName, recorded, ctx);
  const password = ctx.secrets.open(record.metadata.passwordSealed, databaseName);
  const verifier = scramSha256VerifierAsync(password);
  verifier.catch(() => undefined); // not needed when the database is ready
  return { record, password, verifier };
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

async function createRole(admin: Sql, roleName: string, verifier: string): Promise<void> {
  // Its commit need not wait for the disk: the script that opens the database to the role,
  // next on the same server, commits durably after it, and WAL is flushed in order.
  await admin.unsafe(roleStatement(roleName, verifier, { synchronousCommit: false })).simple();
}

/**
 * Serializes, per tenant database, the statements that update the same catalog rows (the
 * role, the database's owner and ACL) until their transaction ends: two creations of one
 * project racing would otherwise fail one with PostgreSQL's "tuple concurrently updated".
 */
export function lockTenant(databaseName: string): string {
  return `pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended(${quoteLiteral(`org.tenant:${databaseName}`)}, 0))`;
}

/**
 * Creates the tenant role, or resets it when it exists (a retry) or two creations race
 * for it, and makes the platform role a member of it (`SET` and `INHERIT`: it may act as
 * the tenant, as it must to end the tenant's prepared transactions or revoke what the
 * tenant granted, and it has the tenant's privileges on what the tenant made; PostgreSQL
 * already gave it `ADMIN` on a role it created). The password's SCRAM verifier, not the
 * password, goes over the wire and into any statement log.
 */
export function roleStatement(
  roleName: string,
  scramVerifier: string,
  options: { synchronousCommit?: boolean } = {},
): string {
  const verifier = quoteLiteral(scramVerifier);
  // On a role that exists, only what a tenant could have changed, or the platform may: a
  // CREATEROLE role may not even restate SUPERUSER, REPLICATION or BYPASSRLS, which only a
  // superuser can give (the conversion takes back what a tenant got before the boundary).
  const settings = `login nocreatedb nocreaterole noinherit connection limit ${TENANT_CONNECTION_LIMIT}`;
  const role = quoteIdentifier(roleName);
  const async =
    options.synchronousCommit === false ? `perform pg_catalog.set_config('synchronous_commit', 'off', true); ` : '';
  return (
    `do $$ begin perform ${lockTenant(roleName)}; ${async}create role ${role} with ${settings} nosuperuser noreplication nobypassrls password ${verifier}; ` +
    `exception when duplicate_object or unique_violation then alter role ${role} with ${settings} password ${verifier}; end $$;` +
    `grant ${role} to current_user with inherit true, set true`
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
  cluster: string,
  ctx: DbContext,
): Promise<TenantDatabaseSource> {
  const template = await ensureTenantTemplate(cluster, ctx).catch(() => undefined);
  if (template !== undefined) {
    try {
      return (await copyDatabase(admin, databaseName, template)) ? 'template' : 'existing';
    } catch {
      forgetTenantTemplate(cluster, ctx);
    }
  }
  return (await copyDatabase(admin, databaseName, 'template0')) ? 'template0' : 'existing';
}

/** Copies `template`, owned by the platform; false when the database already existed. */
async function copyDatabase(admin: Sql, databaseName: string, template: string): Promise<boolean> {
  try {
    await admin.unsafe(createDatabaseStatement(databaseName, { template, connectionLimit: TENANT_CONNECTION_LIMIT }));
    return true;
  } catch (error) {
    // 42P04 after a retried CREATE, or 23505 when two creations race: the database exists.
    const code = classifyError(error).code;
    if (code !== '42P04' && code !== '23505') throw error;
    return false;
  }
}

/**
 * Makes a claimed pooled database the project's, in one transaction on the cluster: the
 * role, the rename, connection limit, connections allowed, CONNECT for the role alone (the
 * database stays the platform's). It commits durably: a lost rename must not leave a
 * `ready` record behind. False when the pooled database is not there (a retry after the
 * rename committed: the database then exists under the project's name; or it was lost):
 * the caller creates or finds it.
 */
async function adoptPooledDatabase(
  admin: Sql,
  pooled: string,
  databaseName: string,
  roleName: string,
  verifier: string,
): Promise<boolean> {
  const database = quoteIdentifier(databaseName);
  const role = quoteIdentifier(roleName);
  try {
    await admin
      .unsafe(
        `select ${lockTenant(databaseName)}; ${roleStatement(roleName, verifier)};` +
          `alter database ${quoteIdentifier(pooled)} rename to ${database};` +
          `alter database ${database} with allow_connections true connection limit ${TENANT_CONNECTION_LIMIT};` +
          `revoke all on database ${database} from public;` +
          `grant connect, temporary on database ${database} to ${role}`,
      )
      .simple();
    return true;
  } catch (error) {
    // 3D000: no database by the pooled name.
    if (classifyError(error).code === '3D000') return false;
    throw error;
  }
}
