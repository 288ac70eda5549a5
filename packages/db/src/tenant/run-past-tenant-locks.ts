import { classifyError } from '@org/errors';
import type { ReservedSql, Sql } from 'postgres';
import { PLATFORM_SCHEMA } from './tenant-names.js';

/** Tries after ending the sessions that blocked the first; then the lock error is the caller's. */
const ATTEMPTS = 3;

/**
 * Runs `work` on a platform session inside a tenant database; when it fails because a lock
 * was not had within `lock_timeout` (55P03: a tenant session holds a lock on a platform
 * table, say in a transaction it leaves open, or takes the advisory lock our migrations
 * use), ends the tenant role's sessions in that database that hold such locks and runs it
 * again. The tenant can read the platform's tables, so it can lock them; it cannot keep
 * the platform from changing them.
 */
export async function runPastTenantLocks<T>(
  sql: Sql | ReservedSql,
  tenantRole: string,
  work: () => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= ATTEMPTS || classifyError(error).code !== '55P03') throw error;
      await sql`
        select pg_catalog.pg_terminate_backend(a.pid)
        from pg_catalog.pg_stat_activity a
        where a.datname operator(pg_catalog.=) pg_catalog.current_database()
          and a.usename operator(pg_catalog.=) ${tenantRole}
          and exists (
            select from pg_catalog.pg_locks l
            where l.pid operator(pg_catalog.=) a.pid
              and (l.locktype operator(pg_catalog.=) 'advisory'
                   or l.relation operator(pg_catalog.=) any (
                        select c.oid from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid operator(pg_catalog.=) c.relnamespace
                        where n.nspname operator(pg_catalog.=) ${PLATFORM_SCHEMA})))`;
    }
  }
}
