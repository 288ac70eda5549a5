import { randomBytes } from 'node:crypto';
import { classifyError, DatabaseCreationError, ProjectNotFoundError, RegionUnavailableError } from '@org/errors';
import { eq, sql as raw } from 'drizzle-orm';
import { defaultDbContext, type DbContext } from '../db-context.js';
import { findProjectResource, recordProjectResource } from '../projects/project-resources.js';
import type { TenantCluster } from '../regions/cluster-config.js';
import { projectResources } from '../schema/project-resources.js';
import { projects } from '../schema/projects.js';
import { scramSha256Verifier } from '../secrets/scram-verifier.js';
import { quoteIdentifier, quoteLiteral } from '../sql/quote.js';
import { tenantConnectionUrl } from './tenant-connection-url.js';
import type { TenantDatabase } from './tenant-database.js';
import { tenantDatabaseName, tenantRoleName } from './tenant-names.js';

/** Connections a tenant may hold open at once (per database and per role). */
export const TENANT_CONNECTION_LIMIT = 20;
/** Every tenant database has the same encoding and locale, whatever the cluster's default. */
export const TENANT_LOCALE = 'C.UTF-8';

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
  const [project] = await ctx.client.db
    .select({ id: projects.id })
    .from(projects)
    .where(eq(projects.id, projectId.toLowerCase()));
  if (project === undefined) throw new ProjectNotFoundError(projectId);

  const { cluster, password } = await reserveTenantDatabase(project.id, region, databaseName, candidates, ctx);
  const admin = ctx.clusters.admin(cluster.name);
  try {
    await createRole(admin, roleName, password);
    await createDatabase(admin, databaseName, roleName);
    await admin.unsafe(`revoke all on database ${quoteIdentifier(databaseName)} from public`);
    await admin.unsafe(
      `grant connect, temporary on database ${quoteIdentifier(databaseName)} to ${quoteIdentifier(roleName)}`,
    );
  } catch (error) {
    throw new DatabaseCreationError(`Could not create tenant database ${databaseName}`, {
      cause: error,
      context: { projectId, region, cluster: cluster.name, databaseName },
    });
  }
  await recordProjectResource(project.id, 'databases', databaseName, { status: 'ready' }, ctx);

  const url = new URL(cluster.url);
  return {
    projectId: project.id,
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
 * Picks the cluster and password and records them, or returns what an earlier attempt
 * recorded: a retried creation must land on the same cluster with the same password.
 */
async function reserveTenantDatabase(
  projectId: string,
  region: string,
  databaseName: string,
  candidates: readonly TenantCluster[],
  ctx: DbContext,
): Promise<{ cluster: TenantCluster; password: string }> {
  const existing = await findProjectResource('databases', databaseName, ctx);
  if (existing === undefined) {
    const cluster = await leastLoadedReachableCluster(region, candidates, ctx);
    const password = randomBytes(24).toString('base64url');
    await ctx.client.db
      .insert(projectResources)
      .values({
        projectId,
        resourceType: 'databases',
        resourceId: databaseName,
        metadata: {
          status: 'creating',
          region,
          cluster: cluster.name,
          role: tenantRoleName(databaseName),
          passwordSealed: ctx.secrets.seal(password, databaseName),
        },
      })
      .onConflictDoNothing();
  }
  // Read back what won: a concurrent creation may have recorded first.
  const record = await findProjectResource('databases', databaseName, ctx);
  const clusterName = record?.metadata['cluster'];
  const sealed = record?.metadata['passwordSealed'];
  const cluster = typeof clusterName === 'string' ? ctx.clusters.cluster(clusterName) : undefined;
  if (record === undefined || cluster === undefined || typeof sealed !== 'string') {
    throw new DatabaseCreationError(`Tenant database ${databaseName} is recorded on an unknown cluster`, {
      retryable: false,
      context: { projectId, databaseName, cluster: String(clusterName) },
    });
  }
  return { cluster, password: ctx.secrets.open(sealed, databaseName) };
}

async function leastLoadedReachableCluster(
  region: string,
  candidates: readonly TenantCluster[],
  ctx: DbContext,
): Promise<TenantCluster> {
  const loads = await ctx.client.db
    .select({ cluster: raw<string>`${projectResources.metadata}->>'cluster'`, count: raw<number>`count(*)::int` })
    .from(projectResources)
    .where(eq(projectResources.resourceType, 'databases'))
    .groupBy(raw`1`);
  const load = new Map(loads.map((row) => [row.cluster, row.count]));
  const ordered = [...candidates].sort((a, b) => (load.get(a.name) ?? 0) - (load.get(b.name) ?? 0));
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

type AdminSql = ReturnType<DbContext['clusters']['admin']>;

async function createRole(admin: AdminSql, roleName: string, password: string): Promise<void> {
  // The verifier, not the password, goes over the wire and into any statement log.
  const verifier = quoteLiteral(scramSha256Verifier(password));
  const options = `login nosuperuser nocreatedb nocreaterole noinherit noreplication nobypassrls connection limit ${TENANT_CONNECTION_LIMIT}`;
  try {
    await admin.unsafe(`create role ${quoteIdentifier(roleName)} with ${options} password ${verifier}`);
  } catch (error) {
    if (!alreadyExists(error)) throw error;
    await admin.unsafe(`alter role ${quoteIdentifier(roleName)} with ${options} password ${verifier}`);
  }
}

async function createDatabase(admin: AdminSql, databaseName: string, roleName: string): Promise<void> {
  try {
    await admin.unsafe(
      `create database ${quoteIdentifier(databaseName)} with owner ${quoteIdentifier(roleName)} template template0 ` +
        `encoding 'UTF8' lc_collate ${quoteLiteral(TENANT_LOCALE)} lc_ctype ${quoteLiteral(TENANT_LOCALE)} ` +
        `connection limit ${TENANT_CONNECTION_LIMIT}`,
    );
  } catch (error) {
    // 42P04 after a retried CREATE: the first attempt got through. Make sure of the owner.
    if (!alreadyExists(error)) throw error;
    await admin.unsafe(`alter database ${quoteIdentifier(databaseName)} owner to ${quoteIdentifier(roleName)}`);
  }
}

/** Duplicate role (42710) or database (42P04), or the catalog's unique index when two creations race (23505). */
function alreadyExists(error: unknown): boolean {
  const code = classifyError(error).code;
  return code === '42710' || code === '42P04' || code === '23505';
}
