import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { classifyError, TenantCopyError } from '@org/errors';
import type { ReservedSql, Sql } from 'postgres';
import type { DbContext } from '../db-context.js';
import { quoteIdentifier, quoteLiteral } from '../sql/quote.js';
import { openPlatformSession } from './open-platform-session.js';
import { findTenantDatabaseRecord } from './tenant-database-record.js';
import { assertTenantDatabaseName } from './tenant-names.js';

/** How long the sessions of a closed database may take to end before the copy gives up (retryable). */
const DRAIN_TIMEOUT_MS = 10_000;

/**
 * Runs `work` on one admin connection that holds, for its whole length, a session advisory
 * lock per named database (in name order): a snapshot, restore or branch of a tenant
 * database never overlaps another of the same database, in any process. A lock held
 * elsewhere fails within the admin session's lock_timeout (55P03, retryable). The lock goes
 * with the connection if the process dies.
 */
export async function withCopyLocks<T>(
  admin: Sql,
  databases: readonly string[],
  work: (lock: ReservedSql) => Promise<T>,
): Promise<T> {
  const keys = [...new Set(databases)].sort().map((name) => `org.tenant-copy:${name}`);
  const lock = await admin.reserve();
  try {
    for (const key of keys) {
      await lock`select pg_catalog.pg_advisory_lock(pg_catalog.hashtextextended(${key}, 0))`;
    }
    try {
      return await work(lock);
    } finally {
      for (const key of keys) {
        await lock`select pg_catalog.pg_advisory_unlock(pg_catalog.hashtextextended(${key}, 0))`.catch(() => undefined);
      }
    }
  } finally {
    lock.release();
  }
}

/**
 * Closes a tenant database for a copy or a rename and returns when no session is left in it
 * (the `performance.now()` at which it stopped taking sessions: the tenant's interruption
 * starts there). In order: a platform session is opened inside (before the interruption);
 * the database stops taking connections (`ALLOW_CONNECTIONS false`: refused for every role,
 * so a tenant reconnecting in a loop gets nowhere; the tenant's role, and so a suspension,
 * is left as it is); every other session in it is terminated, until none is left (a session
 * whose startup raced the change shows up a moment later); the prepared transactions there
 * are rolled back (they count as sessions for `CREATE DATABASE ... TEMPLATE` and
 * `ALTER DATABASE ... RENAME`, and only a session inside the database can end them, as the
 * role that prepared them); then the platform's session ends too. Sessions of a superuser
 * are not the platform's to end: the copy then fails (55006) and is retried.
 *
 * A database already closed (a copy cut off before it reopened it) is opened first, so the
 * platform can get in.
 */
export async function closeTenantDatabase(
  admin: ReservedSql,
  cluster: string,
  databaseName: string,
  ctx: DbContext,
): Promise<number> {
  const database = quoteIdentifier(databaseName);
  let inside = await openPlatformSession(cluster, databaseName, ctx, { purpose: 'copy' });
  try {
    let pid: number;
    try {
      pid = await backendPid(inside);
    } catch (error) {
      // 55000: not accepting connections; an earlier copy closed it and did not get to reopen.
      if (classifyError(error).code !== '55000') throw error;
      await inside.end({ timeout: 1 }).catch(() => undefined);
      await admin.unsafe(`alter database ${database} with allow_connections true`);
      inside = await openPlatformSession(cluster, databaseName, ctx, { purpose: 'copy' });
      pid = await backendPid(inside);
    }
    const closedAt = performance.now();
    await admin.unsafe(`alter database ${database} with allow_connections false`);
    const ended = await endSessions(admin, databaseName, pid);
    const prepared = await inside<{ gid: string; owner: string }[]>`
      select gid, owner from pg_catalog.pg_prepared_xacts
      where database operator(pg_catalog.=) pg_catalog.current_database()`;
    // One statement at a time: ROLLBACK PREPARED refuses to run inside a transaction block.
    for (const { gid, owner } of prepared) {
      await inside.unsafe(`set role ${quoteIdentifier(owner)}`);
      await inside.unsafe(`rollback prepared ${quoteLiteral(gid)}`);
      await inside.unsafe('reset role');
    }
    await inside.end({ timeout: 5 });
    await endSessions(admin, databaseName, 0, [...ended, pid]);
    return closedAt;
  } finally {
    await inside.end({ timeout: 1 }).catch(() => undefined);
  }
}

/**
 * Lets the tenant in again: `ALLOW_CONNECTIONS true` is the only state a tenant database
 * has (a suspension is its role's `NOLOGIN`, which closing never touched).
 */
export async function openTenantDatabase(admin: Sql | ReservedSql, databaseName: string): Promise<void> {
  await admin.unsafe(`alter database ${quoteIdentifier(databaseName)} with allow_connections true`);
}

/**
 * Opens a recorded tenant database again on its cluster, whatever closed it: what undoing a
 * copy that died while its source was closed must do (a copy's own retry reopens it; a copy
 * that fails for good and is undone does not retry). A closed one is opened under the
 * database's copy lock ({@link withCopyLocks}), so never under a copy another operation is
 * making of it (a branch of the same source, say): it waits for that copy, or fails
 * retryably (55P03) past the admin session's lock_timeout; an open one is left as it is,
 * without waiting. Idempotent; resolves false when the database is not recorded.
 */
export async function reopenTenantDatabase(databaseName: string, ctx: DbContext): Promise<boolean> {
  assertTenantDatabaseName(databaseName);
  const record = await findTenantDatabaseRecord(databaseName, ctx);
  if (record === undefined) return false;
  const admin = await ctx.clusters.admin(record.cluster.name);
  const isOpen = async (sql: Sql | ReservedSql) =>
    (
      await sql<{ open: boolean }[]>`
        select d.datallowconn as open from pg_catalog.pg_database d where d.datname operator(pg_catalog.=) ${databaseName}`
    )[0]?.open !== false;
  // Open already (the usual case): no lock to wait for behind a long copy of it.
  if (await isOpen(admin)) return true;
  await withCopyLocks(admin, [databaseName], async (lock) => {
    if (!(await isOpen(lock))) await openTenantDatabase(lock, databaseName);
  });
  return true;
}

async function backendPid(sql: Sql): Promise<number> {
  const [row] = await sql<{ pid: number }[]>`select pg_catalog.pg_backend_pid() as pid`;
  return row!.pid;
}

/**
 * Terminates every client session in the database but `keep` (and the sessions `known`
 * names, which may have left the activity view already) until none is left. A backend
 * leaves `pg_stat_activity` a moment before it leaves the process array that
 * `CREATE DATABASE` and `ALTER DATABASE ... RENAME` count, and they sleep 100 ms when they
 * find one there; `pg_terminate_backend` asks the process array, answering false for a pid
 * that is gone, so a round ends only when every session seen so far is gone from it. One
 * statement per round, a millisecond apart: every round counts against the tenant's
 * interruption.
 */
export async function endSessions(
  admin: ReservedSql,
  databaseName: string,
  keep = 0,
  known: readonly number[] = [],
): Promise<number[]> {
  const deadline = performance.now() + DRAIN_TIMEOUT_MS;
  const seen = new Set(known);
  for (;;) {
    const left = await admin<{ pid: number; alive: boolean }[]>`
      select s.pid, pg_catalog.pg_terminate_backend(s.pid) as alive from (
        select a.pid from pg_catalog.pg_stat_activity a
        where a.datname operator(pg_catalog.=) ${databaseName} and a.pid operator(pg_catalog.<>) ${keep}
          and a.backend_type operator(pg_catalog.=) 'client backend'
          and not exists (select from pg_catalog.pg_roles r where r.oid operator(pg_catalog.=) a.usesysid and r.rolsuper)
        union
        select p from pg_catalog.unnest(${[...seen]}::int4[]) p where p operator(pg_catalog.<>) ${keep}) s`;
    for (const { pid } of left) seen.add(pid);
    if (!left.some((row) => row.alive)) return [...seen];
    if (performance.now() > deadline) {
      throw new TenantCopyError(`Sessions in ${databaseName} did not end within ${DRAIN_TIMEOUT_MS} ms`, {
        retryable: true,
        context: { databaseName, sessions: left.length },
      });
    }
    await sleep(1);
  }
}
