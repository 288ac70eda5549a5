import { TenantAccessError } from '@org/errors';
import { defaultDbContext, type DbContext } from '../db-context.js';
import { quoteIdentifier } from '../sql/quote.js';
import { findTenantDatabaseRecord } from './tenant-database-record.js';
import { assertTenantDatabaseName } from './tenant-names.js';

/**
 * Takes a tenant's login away (`suspend`) or gives it back (`resume`) on its cluster. A
 * suspended role is `NOLOGIN`, so no new session starts whatever the password, and the
 * sessions it had are terminated in the same call: a suspension holds from the moment this
 * resolves. Idempotent. Resolves false when the database is not recorded (nothing to do),
 * true otherwise; a failure on the cluster is a {@link TenantAccessError}.
 */
export async function setTenantLogin(
  databaseName: string,
  login: 'suspend' | 'resume',
  ctx: DbContext = defaultDbContext(),
): Promise<boolean> {
  assertTenantDatabaseName(databaseName);
  const record = await findTenantDatabaseRecord(databaseName, ctx);
  if (record === undefined) return false;
  const role = record.metadata.role;
  try {
    const admin = await ctx.clusters.admin(record.cluster.name);
    if (login === 'resume') {
      await admin.unsafe(`alter role ${quoteIdentifier(role)} login`);
    } else {
      // NOLOGIN first: a session that starts between the two statements is then refused,
      // and the ones already open are ended below.
      await admin.unsafe(`alter role ${quoteIdentifier(role)} nologin`);
      await admin`
        select pg_catalog.pg_terminate_backend(pid) from pg_catalog.pg_stat_activity
        where usename operator(pg_catalog.=) ${role}`;
    }
  } catch (error) {
    throw new TenantAccessError(`Could not ${login} the login of ${databaseName}`, {
      cause: error,
      context: { databaseName, cluster: record.cluster.name },
    });
  }
  return true;
}
