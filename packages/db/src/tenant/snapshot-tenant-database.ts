import { performance } from 'node:perf_hooks';
import { classifyError, TenantCopyError, ValidationError } from '@org/errors';
import type { ReservedSql } from 'postgres';
import { defaultDbContext, type DbContext } from '../db-context.js';
import { quoteIdentifier } from '../sql/quote.js';
import { closeTenantDatabase, endSessions, openTenantDatabase, withCopyLocks } from './close-tenant-database.js';
import { reachCheckpoint } from './copy-checkpoint.js';
import { copyDatabaseStatement } from './copy-database-statement.js';
import { markStatement, readCopyStates, type CopyState } from './tenant-copy-mark.js';
import { findTenantDatabaseRecord } from './tenant-database-record.js';
import { assertTenantDatabaseName, assertTenantSnapshotName } from './tenant-names.js';
import type { TenantSnapshot } from './tenant-snapshot.js';

/** Where a snapshot is, in order: see {@link SnapshotTenantDatabaseOptions.checkpoint}. */
export const SNAPSHOT_CHECKPOINTS = ['closed', 'copied', 'reopened'] as const;

/** One of {@link SNAPSHOT_CHECKPOINTS}. */
export type SnapshotCheckpoint = (typeof SNAPSHOT_CHECKPOINTS)[number];

export interface SnapshotTenantDatabaseOptions {
  /**
   * Called at `closed` (the tenant database takes no sessions and has none), `copied` (the
   * copy exists, unmarked; the tenant database still closed) and `reopened` (the tenant is
   * back in; the copy not yet marked). For fault tests: a checkpoint that throws stands for
   * the process dying there, and nothing is undone.
   */
  checkpoint?: (name: SnapshotCheckpoint) => Promise<void> | void;
}

/** What {@link snapshotTenantDatabase} made, or found made by an earlier attempt. */
export interface TenantSnapshotResult extends TenantSnapshot {
  /** How long the tenant database took no sessions (0 when the snapshot existed already). */
  interruptedMs: number;
  /** True when an earlier attempt had completed it: nothing was copied. */
  existing: boolean;
}

/**
 * Copies a tenant database on its own cluster into the snapshot `snapshotName`
 * (`CREATE DATABASE <snapshot> TEMPLATE <tenant>`). PostgreSQL copies a database only while
 * no session is connected to it, so the tenant is interrupted for the length of the copy:
 * the database stops taking sessions, its sessions are ended and its prepared transactions
 * rolled back (what an open transaction had not committed is lost, as with any ended
 * session), it is copied, and it takes sessions again. A suspended tenant stays suspended:
 * its role is not touched.
 *
 * The snapshot is the platform's: owned by its role, CONNECT revoked from PUBLIC and granted
 * to no one, `ALLOW_CONNECTIONS false`, so neither the tenant nor anyone else can connect to
 * it. Idempotent: a snapshot is complete when it carries the platform's mark (its comment,
 * written with the revoke in the transaction that completes it, after the tenant is back
 * in); a second call for a complete one returns it, and a database of that name without the
 * mark (an attempt cut off after the copy) is dropped and copied again. A failure is a
 * {@link TenantCopyError}; the tenant database is reopened unless the process died, and then
 * the retry reopens it.
 */
export async function snapshotTenantDatabase(
  databaseName: string,
  snapshotName: string,
  ctx: DbContext = defaultDbContext(),
  options: SnapshotTenantDatabaseOptions = {},
): Promise<TenantSnapshotResult> {
  assertTenantDatabaseName(databaseName);
  assertTenantSnapshotName(snapshotName);
  const record = await findTenantDatabaseRecord(databaseName, ctx);
  if (record === undefined) {
    throw new TenantCopyError(`Tenant database ${databaseName} is not recorded`, {
      retryable: false,
      context: { databaseName, snapshotName },
    });
  }
  const cluster = record.cluster.name;
  const crashed = { value: false };
  try {
    const admin = await ctx.clusters.admin(cluster);
    return await withCopyLocks(admin, [databaseName], async (lock) => {
      const states = await readCopyStates(lock, [databaseName, snapshotName]);
      const source = states.get(databaseName);
      if (source === undefined) {
        throw new TenantCopyError(`Tenant database ${databaseName} does not exist`, {
          retryable: false,
          context: { databaseName, cluster },
        });
      }
      const found = states.get(snapshotName);
      if (found !== undefined) {
        const complete = await existingSnapshot(lock, found, databaseName, cluster);
        if (complete !== undefined) {
          // Marked after the reopen: open already, unless closed since by a copy that died.
          if (!source.allowConnections) await openTenantDatabase(lock, databaseName);
          return complete;
        }
      }
      const interruptedMs = await copyClosed(lock, cluster, databaseName, snapshotName, ctx, options, crashed);
      await lock
        .unsafe(
          // One implicit transaction: the mark never goes without the revoke.
          `revoke all on database ${quoteIdentifier(snapshotName)} from public;` +
            markStatement(snapshotName, { kind: 'snapshot', of: databaseName, createdAt: new Date().toISOString() }),
        )
        .simple();
      const made = (await readCopyStates(lock, [snapshotName], { size: true })).get(snapshotName)!;
      return { ...toTenantSnapshot(made, cluster)!, interruptedMs, existing: false };
    });
  } catch (error) {
    if (crashed.value || TenantCopyError.is(error) || ValidationError.is(error)) throw error;
    throw new TenantCopyError(`Could not snapshot ${databaseName} as ${snapshotName}`, {
      cause: error,
      context: { databaseName, snapshotName, cluster },
    });
  }
}

/** The complete snapshot `found` is, or undefined after dropping a half-made one; refuses a name taken otherwise. */
async function existingSnapshot(
  lock: ReservedSql,
  found: CopyState,
  databaseName: string,
  cluster: string,
): Promise<TenantSnapshotResult | undefined> {
  if (found.ours && found.mark?.kind === 'snapshot' && found.mark.of === databaseName) {
    const sized = (await readCopyStates(lock, [found.name], { size: true })).get(found.name)!;
    return { ...toTenantSnapshot(sized, cluster)!, interruptedMs: 0, existing: true };
  }
  if (!found.ours || found.mark !== undefined) {
    throw new TenantCopyError(`${found.name} exists and is not a snapshot of ${databaseName}`, {
      retryable: false,
      context: { databaseName, snapshotName: found.name, cluster },
    });
  }
  // Ours and unmarked: a copy an earlier attempt made and did not complete.
  await lock.unsafe(`drop database if exists ${quoteIdentifier(found.name)}`);
  return undefined;
}

/**
 * Copies `databaseName` into `target` while it takes no sessions, and reopens it; returns
 * how long it was closed. The target is shut from its first moment (no connections at all).
 * A failure reopens the tenant database, unless a checkpoint stood for the process dying.
 */
async function copyClosed(
  lock: ReservedSql,
  cluster: string,
  databaseName: string,
  target: string,
  ctx: DbContext,
  options: SnapshotTenantDatabaseOptions,
  crashed: { value: boolean },
): Promise<number> {
  const closedAt = await closeTenantDatabase(lock, cluster, databaseName, ctx);
  try {
    await reachCheckpoint(options.checkpoint, 'closed', crashed);
    await copyRetryingRace(lock, target, databaseName);
    await reachCheckpoint(options.checkpoint, 'copied', crashed);
  } finally {
    if (!crashed.value) await openTenantDatabase(lock, databaseName);
  }
  const interruptedMs = performance.now() - closedAt;
  await reachCheckpoint(options.checkpoint, 'reopened', crashed);
  return interruptedMs;
}

/**
 * `CREATE DATABASE ... TEMPLATE`, once more after ending the sessions again when it finds
 * one (55006): a session whose startup had passed the connection check before the database
 * closed can appear after the sessions were ended.
 */
export async function copyRetryingRace(
  lock: ReservedSql,
  target: string,
  source: string,
  shut: { allowConnections: false } | { connectionLimit: 0 } = { allowConnections: false },
): Promise<void> {
  try {
    await lock.unsafe(copyDatabaseStatement(target, source, shut));
  } catch (error) {
    if (classifyError(error).code !== '55006') throw error;
    await endSessions(lock, source);
    await lock.unsafe(copyDatabaseStatement(target, source, shut));
  }
}

/** A marked snapshot's public shape; undefined for anything else. */
export function toTenantSnapshot(state: CopyState, cluster: string): TenantSnapshot | undefined {
  if (!state.ours || state.mark?.kind !== 'snapshot') return undefined;
  return {
    name: state.name,
    databaseName: state.mark.of,
    cluster,
    createdAt: new Date(state.mark.createdAt),
    sizeBytes: state.sizeBytes,
    ...(state.mark.replacedBy === undefined ? {} : { replacedBy: state.mark.replacedBy }),
  };
}
