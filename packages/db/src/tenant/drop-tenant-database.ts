import { classifyError, DatabaseDropError } from '@org/errors';
import type { Sql } from 'postgres';
import { defaultDbContext, type DbContext } from '../db-context.js';
import { removeProjectResource } from '../projects/project-resources.js';
import { quoteIdentifier, quoteLiteral } from '../sql/quote.js';
import { withPlatformSession } from './open-platform-session.js';
import { findTenantDatabaseRecord } from './tenant-database-record.js';
import { readMark } from './tenant-copy-mark.js';
import { dropPooledDatabase } from './tenant-pool.js';
import { assertTenantDatabaseName, projectIdOfDatabase, tenantRoleName } from './tenant-names.js';

/**
 * Drops a tenant database and its role, and forgets its record, whatever the tenant did
 * inside: its sessions are ended (`WITH (FORCE)`), its prepared transactions rolled back,
 * and what it was granted elsewhere (another tenant can grant it rights on its own tables,
 * which would keep the role from being dropped) revoked. Dropping a database that does
 * not exist is a no-op. Where it lives comes from `project_resources`; without a record,
 * every configured cluster is cleaned. A pooled database the project claimed but had not
 * renamed yet is dropped with it, and so are the database's snapshots (they hold the role's
 * objects, and are restored only into the database they were taken of).
 */
export async function dropTenantDatabase(databaseName: string, ctx: DbContext = defaultDbContext()): Promise<void> {
  assertTenantDatabaseName(databaseName);
  const roleName = tenantRoleName(databaseName);
  const record = await findTenantDatabaseRecord(databaseName, ctx);
  const clusters = record ? [record.cluster.name] : ctx.clusters.allClusters().map((cluster) => cluster.name);
  try {
    for (const cluster of clusters) {
      const admin = await ctx.clusters.admin(cluster);
      await rollBackPreparedTransactions(admin, cluster, databaseName, ctx);
      await admin.unsafe(`drop database if exists ${quoteIdentifier(databaseName)} with (force)`);
      await dropTenantCopies(admin, databaseName);
      await dropRole(admin, cluster, roleName, ctx);
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

/**
 * `DROP DATABASE ... WITH (FORCE)` refuses a database with prepared transactions (where the
 * server allows them): they are rolled back first, inside the database, as the tenant role
 * that prepared them (only it, or a superuser, may end them).
 */
async function rollBackPreparedTransactions(
  admin: Sql,
  cluster: string,
  databaseName: string,
  ctx: DbContext,
): Promise<void> {
  const prepared = await admin<{ gid: string; owner: string }[]>`
    select gid, owner from pg_catalog.pg_prepared_xacts where database operator(pg_catalog.=) ${databaseName}`;
  if (prepared.length === 0) return;
  await withPlatformSession(cluster, databaseName, ctx, async (sql) => {
    // One statement at a time: ROLLBACK PREPARED refuses to run inside a transaction block.
    for (const { gid, owner } of prepared) {
      await sql.unsafe(`set role ${quoteIdentifier(owner)}`);
      await sql.unsafe(`rollback prepared ${quoteLiteral(gid)}`);
      await sql.unsafe('reset role');
    }
  });
}

/**
 * Drops the database's snapshots and the copies a restore of it left: they hold objects of
 * its role (which could not be dropped otherwise), and a snapshot is restored only into the
 * database it was taken of. A half-made snapshot (no mark yet) names no tenant: it stays
 * until the snapshot is retried or `dropTenantSnapshot` drops it.
 */
async function dropTenantCopies(admin: Sql, databaseName: string): Promise<void> {
  const copies = await admin<{ name: string; comment: string | null }[]>`
    select d.datname as name, pg_catalog.shobj_description(d.oid, 'pg_database') as comment
    from pg_catalog.pg_database d
    where (pg_catalog.starts_with(d.datname, 'snap_') or pg_catalog.starts_with(d.datname, 'restoring_'))
      and d.datdba operator(pg_catalog.=) (select r.oid from pg_catalog.pg_roles r where r.rolname operator(pg_catalog.=) current_user)`;
  for (const { name, comment } of copies) {
    const mark = readMark(comment);
    if (
      (mark?.kind === 'snapshot' && mark.of === databaseName) ||
      (mark?.kind === 'restoring' && mark.for === databaseName)
    ) {
      await admin.unsafe(`drop database if exists ${quoteIdentifier(name)}`);
    }
  }
}

/**
 * Drops the tenant role. PostgreSQL refuses while anything in another database depends on
 * it: a grant another tenant made to it on its own table, a policy naming it. Those are
 * revoked in each such database (`DROP OWNED`, which the platform may run for any tenant
 * role: it has their privileges), and the role dropped again.
 */
async function dropRole(admin: Sql, cluster: string, roleName: string, ctx: DbContext): Promise<void> {
  const drop = () => admin.unsafe(`drop role if exists ${quoteIdentifier(roleName)}`);
  try {
    await drop();
  } catch (error) {
    if (classifyError(error).code !== '2BP01') throw error;
    const holders = await admin<{ datname: string; closed: boolean }[]>`
      select distinct d.datname,
             not d.datallowconn and d.datdba operator(pg_catalog.=) (select r.oid from pg_catalog.pg_roles r where r.rolname operator(pg_catalog.=) current_user) as closed
      from pg_catalog.pg_shdepend s
      join pg_catalog.pg_database d on d.oid operator(pg_catalog.=) s.dbid
      where s.refclassid operator(pg_catalog.=) 'pg_catalog.pg_authid'::pg_catalog.regclass
        and s.refobjid operator(pg_catalog.=) (select r.oid from pg_catalog.pg_roles r where r.rolname operator(pg_catalog.=) ${roleName})`;
    for (const { datname, closed } of holders) {
      // Another tenant's snapshot (or a copy being restored) that holds a grant its tenant
      // made to this role takes no connections: it is opened for this statement alone.
      // Nobody but the platform has CONNECT on it.
      if (closed) await admin.unsafe(`alter database ${quoteIdentifier(datname)} with allow_connections true`);
      try {
        await withPlatformSession(cluster, datname, ctx, (sql) =>
          sql.unsafe(`drop owned by ${quoteIdentifier(roleName)}`),
        );
      } finally {
        if (closed) await admin.unsafe(`alter database ${quoteIdentifier(datname)} with allow_connections false`);
      }
    }
    await drop();
  }
}
