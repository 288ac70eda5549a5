import { performance } from 'node:perf_hooks';
import { TenantCopyError, ValidationError } from '@org/errors';
import type { ReservedSql } from 'postgres';
import { defaultDbContext, type DbContext } from '../db-context.js';
import { quoteIdentifier, quoteLiteral } from '../sql/quote.js';
import { closeTenantDatabase, openTenantDatabase, withCopyLocks } from './close-tenant-database.js';
import { reachCheckpoint } from './copy-checkpoint.js';
import { copyDatabaseStatement } from './copy-database-statement.js';
import {
  lockTenant,
  markTenantDatabaseReady,
  reserveTenantDatabase,
  roleStatement,
  TENANT_CONNECTION_LIMIT,
} from './create-tenant-database.js';
import { createTenantSchema } from './create-tenant-schema.js';
import { findTenantSnapshot } from './list-tenant-snapshots.js';
import { withPlatformSession } from './open-platform-session.js';
import { copyRetryingRace } from './snapshot-tenant-database.js';
import { readCopyStates } from './tenant-copy-mark.js';
import { findTenantDatabaseRecord, type TenantDatabaseRecord } from './tenant-database-record.js';
import { tenantConnectionUrl } from './tenant-connection-url.js';
import type { TenantDatabase } from './tenant-database.js';
import {
  assertTenantDatabaseName,
  assertTenantSnapshotName,
  isTenantDatabaseName,
  PLATFORM_SCHEMA,
  projectIdOfDatabase,
} from './tenant-names.js';

/** Where a branch is, in order: see {@link BranchTenantDatabaseOptions.checkpoint}. */
export const BRANCH_CHECKPOINTS = ['reserved', 'copied', 'adopted'] as const;

/** One of {@link BRANCH_CHECKPOINTS}. */
export type BranchCheckpoint = (typeof BRANCH_CHECKPOINTS)[number];

export interface BranchTenantDatabaseOptions {
  /**
   * Called at `reserved` (the new database is recorded, with its cluster and sealed
   * password), `copied` (the copy exists, shut to every role but the platform; a tenant
   * database it was copied from still closed) and `adopted` (the copy's objects are the new
   * role's and its schema step is done; the new role cannot connect yet). For fault tests:
   * a checkpoint that throws stands for the process dying there, and nothing is undone.
   */
  checkpoint?: (name: BranchCheckpoint) => Promise<void> | void;
}

/** A branch, as {@link branchTenantDatabase} returns it: the new tenant's database and login. */
export interface TenantBranch extends TenantDatabase {
  /** What it was copied from: a tenant database or a snapshot. */
  from: string;
  /** How long the source tenant database took no sessions (0 from a snapshot, or when an earlier attempt copied it). */
  interruptedMs: number;
  /** True when an earlier attempt had finished it (the password is the recorded one). */
  existing: boolean;
}

/**
 * Makes `newDatabaseName` (`tenant_<uuid>` of a project that exists and has no database
 * yet) a copy of a tenant database or of a snapshot, on the source's cluster, with a login
 * role of its own: what provisioning's database step does (`createTenantDatabase`), with a
 * copy where a template would be, and the schema step after it. In order:
 *
 * 1. the database is recorded in `project_resources` (`creating`, its cluster, its
 *    password sealed), as `createTenantDatabase` records one, so every other function of
 *    this package (credentials, suspension, password reset, deletion) finds it;
 * 2. the source is copied (a tenant database is interrupted for the copy, as by
 *    `snapshotTenantDatabase`; a snapshot is not); the copy is shut to every role but the
 *    platform until the end;
 * 3. the new role is made; inside the copy, in one transaction, everything the source's
 *    role owned is reassigned to it (`REASSIGN OWNED`), the policies naming the source's
 *    role name the new one, and every right of the source's role there is revoked
 *    (`DROP OWNED`, which also takes its rights on shared objects, its own database's
 *    CONNECT among them: they are given back in the same transaction); `platform.settings`
 *    says the new project's id, and the audit log says where it came from; then the schema
 *    step (`createTenantSchema`) gives the new role its grants;
 * 4. the new role gets CONNECT and TEMPORARY and the connection limit, and the record
 *    becomes `ready`.
 *
 * So the branch's credentials reach only the branch, and the source's only the source.
 * Default privileges the source's role had set (`ALTER DEFAULT PRIVILEGES`) are not carried
 * over: the new role starts with PostgreSQL's. Idempotent: each step is, and a retry with
 * the same arguments finishes an attempt cut off anywhere (a recorded `ready` branch is
 * returned as it is). A failure is a {@link TenantCopyError}.
 */
export async function branchTenantDatabase(
  source: string,
  newDatabaseName: string,
  ctx: DbContext = defaultDbContext(),
  options: BranchTenantDatabaseOptions = {},
): Promise<TenantBranch> {
  assertTenantDatabaseName(newDatabaseName);
  const fromTenant = isTenantDatabaseName(source);
  if (!fromTenant) assertTenantSnapshotName(source, 'source');
  const context = { source, newDatabaseName };
  const sourceDatabase = fromTenant ? source : (await findTenantSnapshot(source, ctx))?.databaseName;
  if (sourceDatabase === undefined) {
    throw new TenantCopyError(`Snapshot ${source} does not exist`, { retryable: false, context });
  }
  if (sourceDatabase === newDatabaseName) {
    throw new ValidationError([{ path: 'newDatabaseName', message: 'must differ from the source' }]);
  }
  const sourceRecord = await findTenantDatabaseRecord(sourceDatabase, ctx);
  if (sourceRecord === undefined) {
    throw new TenantCopyError(`Tenant database ${sourceDatabase} is not recorded`, { retryable: false, context });
  }
  const cluster = sourceRecord.cluster;
  const projectId = projectIdOfDatabase(newDatabaseName);
  const { record, password, verifier } = await reserveTenantDatabase(
    projectId,
    sourceRecord.metadata.region,
    [cluster],
    false,
    ctx,
  );
  if (record.cluster.name !== cluster.name) {
    throw new TenantCopyError(`${newDatabaseName} is recorded on ${record.cluster.name}, not ${cluster.name}`, {
      retryable: false,
      context,
    });
  }
  const crashed = { value: false };
  let interruptedMs = 0;
  try {
    await reachCheckpoint(options.checkpoint, 'reserved', crashed);
    if (record.metadata.status !== 'ready') {
      const admin = await ctx.clusters.admin(cluster.name);
      await withCopyLocks(admin, [sourceDatabase, newDatabaseName], async (lock) => {
        const states = await readCopyStates(lock, [sourceDatabase, newDatabaseName]);
        if (!states.has(newDatabaseName)) {
          if (fromTenant) {
            const closedAt = await closeTenantDatabase(lock, cluster.name, source, ctx);
            try {
              await copyRetryingRace(lock, newDatabaseName, source, { connectionLimit: 0 });
              await reachCheckpoint(options.checkpoint, 'copied', crashed);
            } finally {
              if (!crashed.value) await openTenantDatabase(lock, source);
            }
            interruptedMs = performance.now() - closedAt;
          } else {
            await lock.unsafe(copyDatabaseStatement(newDatabaseName, source, { connectionLimit: 0 }));
            await reachCheckpoint(options.checkpoint, 'copied', crashed);
          }
        } else if (states.get(sourceDatabase)?.allowConnections === false) {
          // An attempt died while the source was closed for its copy.
          await openTenantDatabase(lock, sourceDatabase);
        }
        await adopt(lock, record, sourceRecord, source, await verifier, ctx);
        await reachCheckpoint(options.checkpoint, 'adopted', crashed);
        const database = quoteIdentifier(newDatabaseName);
        await lock
          .unsafe(
            `select ${lockTenant(newDatabaseName)};` +
              `revoke all on database ${database} from public;` +
              `grant connect, temporary on database ${database} to ${quoteIdentifier(record.metadata.role)};` +
              `alter database ${database} with allow_connections true connection limit ${TENANT_CONNECTION_LIMIT}`,
          )
          .simple();
      });
      await markTenantDatabaseReady(record, ctx);
    }
  } catch (error) {
    if (crashed.value || TenantCopyError.is(error) || ValidationError.is(error)) throw error;
    throw new TenantCopyError(`Could not branch ${source} into ${newDatabaseName}`, {
      cause: error,
      context: { ...context, cluster: cluster.name },
    });
  }
  const url = new URL(cluster.url);
  const roleName = record.metadata.role;
  return {
    projectId,
    databaseName: newDatabaseName,
    roleName,
    region: record.metadata.region,
    cluster: cluster.name,
    host: url.hostname,
    port: Number(url.port || 5432),
    password,
    connectionString: tenantConnectionUrl(cluster.url, newDatabaseName, { user: roleName, password }),
    from: source,
    interruptedMs,
    existing: record.metadata.status === 'ready',
  };
}

/**
 * Makes the copy the new tenant's, as the platform inside it (a pinned session: nothing the
 * source's tenant left in the copy is resolved), the copy shut to everyone else.
 */
async function adopt(
  lock: ReservedSql,
  record: TenantDatabaseRecord,
  sourceRecord: TenantDatabaseRecord,
  from: string,
  verifier: string,
  ctx: DbContext,
): Promise<void> {
  const database = quoteIdentifier(record.databaseName);
  const oldRole = sourceRecord.metadata.role;
  const newRole = record.metadata.role;
  await lock
    .unsafe(
      `select ${lockTenant(record.databaseName)};` +
        `revoke all on database ${database} from public;` +
        `alter database ${database} with connection limit -1`,
    )
    .simple();
  await lock.unsafe(roleStatement(newRole, verifier)).simple();
  await withPlatformSession(record.cluster.name, record.databaseName, ctx, async (sql) => {
    const inside = await sql.reserve();
    try {
      await inside.unsafe('begin');
      // What DROP OWNED takes on shared objects: the source role's rights on databases (its
      // own database's CONNECT and TEMPORARY), given back below in this transaction.
      const shared = await inside<{ database: string; privilege: string; grantable: boolean }[]>`
        select d.datname as database, a.privilege_type as privilege, a.is_grantable as grantable
        from pg_catalog.pg_database d cross join lateral pg_catalog.aclexplode(d.datacl) a
        where a.grantee operator(pg_catalog.=) (select r.oid from pg_catalog.pg_roles r where r.rolname operator(pg_catalog.=) ${oldRole})`;
      const statements = [
        // A new owner of a function, operator or type must be able to create in its schema:
        // the grant the schema step gives the new role, given first.
        `grant usage, create on schema public to ${quoteIdentifier(newRole)}`,
        `reassign owned by ${quoteIdentifier(oldRole)} to ${quoteIdentifier(newRole)}`,
        policiesStatement(oldRole, newRole),
        `drop owned by ${quoteIdentifier(oldRole)}`,
        ...shared.map(
          (grant) =>
            `grant ${grant.privilege} on database ${quoteIdentifier(grant.database)} to ${quoteIdentifier(oldRole)}` +
            (grant.grantable ? ' with grant option' : ''),
        ),
        `update ${PLATFORM_SCHEMA}.settings set value = pg_catalog.to_jsonb(${quoteLiteral(record.projectId)}::text) ` +
          `where key operator(pg_catalog.=) 'project_id'`,
        `insert into ${PLATFORM_SCHEMA}.audit_logs (action, actor, resource_type, resource_id, details) ` +
          `select 'project.branched', 'control-plane', 'project', ${quoteLiteral(record.projectId)}, ` +
          `${quoteLiteral(JSON.stringify({ from, databaseName: record.databaseName }))}::pg_catalog.jsonb ` +
          `where not exists (select from ${PLATFORM_SCHEMA}.audit_logs where action operator(pg_catalog.=) 'project.branched' ` +
          `and resource_id operator(pg_catalog.=) ${quoteLiteral(record.projectId)})`,
        'commit',
      ];
      await inside.unsafe(statements.join(';\n')).simple();
    } catch (error) {
      await inside.unsafe('rollback').catch(() => undefined);
      throw error;
    } finally {
      inside.release();
    }
  });
  // The grants of the schema step, to the new role; the copy has the migrations already.
  await createTenantSchema(record.databaseName, record.projectId, ctx, { cluster: record.cluster.name });
}

/**
 * A DO block that rewrites each policy naming the old role to name the new one instead
 * (DROP OWNED would otherwise drop a policy for the old role alone, and with it the rule
 * the tenant wrote). Only catalog names are formatted in; every one is quoted.
 */
function policiesStatement(oldRole: string, newRole: string): string {
  return `do $policies$ declare p record; begin
    for p in
      select pol.polname as name, n.nspname as schema, c.relname as relation,
        (select pg_catalog.string_agg(
           case when r operator(pg_catalog.=) 0::pg_catalog.oid then 'public'
                when r operator(pg_catalog.=) old.oid then pg_catalog.quote_ident(${quoteLiteral(newRole)})
                else pg_catalog.quote_ident(pg_catalog.pg_get_userbyid(r)::text) end, ', ')
         from pg_catalog.unnest(pol.polroles) r) as roles
      from pg_catalog.pg_policy pol
      join pg_catalog.pg_class c on c.oid operator(pg_catalog.=) pol.polrelid
      join pg_catalog.pg_namespace n on n.oid operator(pg_catalog.=) c.relnamespace
      cross join (select r.oid from pg_catalog.pg_roles r where r.rolname operator(pg_catalog.=) ${quoteLiteral(oldRole)}) old
      where old.oid operator(pg_catalog.=) any (pol.polroles)
    loop
      execute pg_catalog.format('alter policy %I on %I.%I to %s', p.name, p.schema, p.relation, p.roles);
    end loop;
  end $policies$`;
}
