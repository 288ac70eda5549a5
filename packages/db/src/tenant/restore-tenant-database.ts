import { performance } from 'node:perf_hooks';
import { TenantCopyError, ValidationError } from '@org/errors';
import type { ReservedSql } from 'postgres';
import { defaultDbContext, type DbContext } from '../db-context.js';
import { quoteIdentifier } from '../sql/quote.js';
import { closeTenantDatabase, openTenantDatabase, withCopyLocks } from './close-tenant-database.js';
import { reachCheckpoint } from './copy-checkpoint.js';
import { copyDatabaseStatement } from './copy-database-statement.js';
import { TENANT_CONNECTION_LIMIT } from './create-tenant-database.js';
import { markStatement, readCopyStates } from './tenant-copy-mark.js';
import { findTenantDatabaseRecord } from './tenant-database-record.js';
import { toTenantSnapshot } from './snapshot-tenant-database.js';
import type { TenantSnapshot } from './tenant-snapshot.js';
import { assertTenantDatabaseName, assertTenantSnapshotName, restoringDatabaseName } from './tenant-names.js';

/** Where a restore is, in order: see {@link RestoreTenantDatabaseOptions.checkpoint}. */
export const RESTORE_CHECKPOINTS = ['copying', 'copied', 'closed', 'swapped'] as const;

/** One of {@link RESTORE_CHECKPOINTS}. */
export type RestoreCheckpoint = (typeof RESTORE_CHECKPOINTS)[number];

export interface RestoreTenantDatabaseOptions {
  /**
   * Called at `copying` (the snapshot's copy exists, unmarked), `copied` (marked), `closed`
   * (the tenant database takes no sessions and has none) and `swapped` (the one transaction
   * that exchanges the databases committed). For fault tests: a checkpoint that throws
   * stands for the process dying there, and nothing is undone.
   */
  checkpoint?: (name: RestoreCheckpoint) => Promise<void> | void;
}

/** What {@link restoreTenantDatabase} did. */
export interface TenantRestoreResult {
  databaseName: string;
  /** The snapshot restored (it stays). */
  restored: string;
  /** The database that was replaced, kept as a snapshot: restoring it undoes this restore. */
  preserved: TenantSnapshot;
  /** How long the tenant database took no sessions (0 when an earlier attempt had finished). */
  interruptedMs: number;
  /** True when an earlier attempt had finished it. */
  existing: boolean;
}

/**
 * Replaces a tenant database by a copy of one of its snapshots, keeping the database it
 * replaces as the snapshot `preserveAsName` (so a restore is undone by restoring that). The
 * snapshot itself stays. The database the tenant finds afterwards is shaped as
 * `createTenantDatabase` makes one: the platform's, CONNECT and TEMPORARY for the tenant role
 * alone, `CONNECTION LIMIT 20`, no database-level settings, open; inside, what the
 * snapshot holds, owned as it was (the same tenant role). Settings the tenant's role had for
 * its database (`ALTER ROLE ... IN DATABASE ... SET`) stay with the replaced database.
 *
 * Its states, each of which a retry with the same arguments finishes:
 * 1. the snapshot is copied into `restoring_<uuid of preserveAsName>` (shut to every
 *    connection); the tenant is not interrupted. A copy without its mark (`copying`), or
 *    of another snapshot, is dropped and made again;
 * 2. the copy is marked (`copied`);
 * 3. the tenant database is closed: it takes no sessions and has none (`closed`; the
 *    tenant's interruption starts here);
 * 4. one transaction (catalog changes only: renames, grants, a comment) renames the tenant
 *    database to `preserveAsName`, takes the tenant's grants from it and marks it a snapshot,
 *    renames the copy to the tenant database's name, gives it the tenant's grants and
 *    connection limit, and opens it (`swapped`; the interruption ends). A restore finds
 *    `preserveAsName` marked as the snapshot this restore replaced, and no copy: done.
 *
 * A failure is a {@link TenantCopyError}; before the swap, the tenant database is reopened
 * unless the process died (the retry then reopens it).
 */
export async function restoreTenantDatabase(
  databaseName: string,
  snapshotName: string,
  preserveAsName: string,
  ctx: DbContext = defaultDbContext(),
  options: RestoreTenantDatabaseOptions = {},
): Promise<TenantRestoreResult> {
  assertTenantDatabaseName(databaseName);
  assertTenantSnapshotName(snapshotName);
  assertTenantSnapshotName(preserveAsName, 'preserveAsName');
  if (snapshotName === preserveAsName) {
    throw new ValidationError([{ path: 'preserveAsName', message: 'must differ from the snapshot restored' }]);
  }
  const record = await findTenantDatabaseRecord(databaseName, ctx);
  const context = { databaseName, snapshotName, preserveAsName };
  if (record === undefined) {
    throw new TenantCopyError(`Tenant database ${databaseName} is not recorded`, { retryable: false, context });
  }
  const cluster = record.cluster.name;
  const copy = restoringDatabaseName(preserveAsName);
  const crashed = { value: false };
  try {
    const admin = await ctx.clusters.admin(cluster);
    return await withCopyLocks(admin, [databaseName], async (lock) => {
      const states = await readCopyStates(lock, [databaseName, snapshotName, preserveAsName, copy]);
      const preserved = states.get(preserveAsName);
      if (preserved !== undefined) {
        const mark = preserved.mark;
        const done =
          preserved.ours &&
          mark?.kind === 'snapshot' &&
          mark.of === databaseName &&
          mark.replacedBy === snapshotName &&
          !states.has(copy);
        if (!done) {
          throw new TenantCopyError(`${preserveAsName} exists already`, { retryable: false, context });
        }
        return {
          databaseName,
          restored: snapshotName,
          preserved: await sizedSnapshot(lock, preserveAsName, cluster),
          interruptedMs: 0,
          existing: true,
        };
      }
      const snapshot = states.get(snapshotName);
      if (
        snapshot === undefined ||
        !snapshot.ours ||
        snapshot.mark?.kind !== 'snapshot' ||
        snapshot.mark.of !== databaseName
      ) {
        throw new TenantCopyError(`${snapshotName} is not a snapshot of ${databaseName}`, {
          retryable: false,
          context,
        });
      }
      if (!states.has(databaseName)) {
        throw new TenantCopyError(`Tenant database ${databaseName} does not exist`, { retryable: false, context });
      }
      const made = states.get(copy);
      const reusable =
        made?.ours === true &&
        made.mark?.kind === 'restoring' &&
        made.mark.from === snapshotName &&
        made.mark.for === databaseName;
      if (!reusable) {
        // A copy cut off before its mark, or of another snapshot (a restore retried with
        // other arguments): it is made again. A snapshot is never connected to, so its copy
        // interrupts no one.
        if (made !== undefined) await lock.unsafe(`drop database if exists ${quoteIdentifier(copy)}`);
        await lock.unsafe(copyDatabaseStatement(copy, snapshotName, { allowConnections: false }));
        await reachCheckpoint(options.checkpoint, 'copying', crashed);
        // Closed to PUBLIC with the mark: nobody but the platform may ever connect to it,
        // even if a tenant's deletion opens it for a moment (see `dropTenantDatabase`).
        await lock
          .unsafe(
            `revoke all on database ${quoteIdentifier(copy)} from public;` +
              markStatement(copy, { kind: 'restoring', from: snapshotName, for: databaseName }),
          )
          .simple();
      }
      await reachCheckpoint(options.checkpoint, 'copied', crashed);

      const closedAt = await closeTenantDatabase(lock, cluster, databaseName, ctx);
      let swapped = false;
      try {
        await reachCheckpoint(options.checkpoint, 'closed', crashed);
        await swap(lock, databaseName, copy, preserveAsName, snapshotName, record.metadata.role);
        swapped = true;
      } finally {
        if (!swapped && !crashed.value) await openTenantDatabase(lock, databaseName);
      }
      const interruptedMs = performance.now() - closedAt;
      await reachCheckpoint(options.checkpoint, 'swapped', crashed);
      return {
        databaseName,
        restored: snapshotName,
        preserved: await sizedSnapshot(lock, preserveAsName, cluster),
        interruptedMs,
        existing: false,
      };
    });
  } catch (error) {
    if (crashed.value || TenantCopyError.is(error) || ValidationError.is(error)) throw error;
    throw new TenantCopyError(`Could not restore ${databaseName} from ${snapshotName}`, {
      cause: error,
      context: { ...context, cluster },
    });
  }
}

/**
 * The exchange, in one transaction of catalog changes (a simple-protocol script runs as one
 * implicit transaction: an error rolls all of it back): both renames need the databases
 * free of sessions (the tenant's is closed and drained; the copy never took any), and a
 * crash leaves either the state before it or the state after it.
 */
async function swap(
  lock: ReservedSql,
  databaseName: string,
  copy: string,
  preserveAsName: string,
  snapshotName: string,
  role: string,
): Promise<void> {
  const tenant = quoteIdentifier(databaseName);
  const preserved = quoteIdentifier(preserveAsName);
  await lock
    .unsafe(
      [
        `alter database ${tenant} rename to ${preserved}`,
        `revoke all on database ${preserved} from public, ${quoteIdentifier(role)}`,
        `alter database ${preserved} with connection limit -1`,
        markStatement(preserveAsName, {
          kind: 'snapshot',
          of: databaseName,
          createdAt: new Date().toISOString(),
          replacedBy: snapshotName,
        }),
        `alter database ${quoteIdentifier(copy)} rename to ${tenant}`,
        markStatement(databaseName, null),
        `revoke all on database ${tenant} from public`,
        `grant connect, temporary on database ${tenant} to ${quoteIdentifier(role)}`,
        `alter database ${tenant} with allow_connections true connection limit ${TENANT_CONNECTION_LIMIT}`,
      ].join(';'),
    )
    .simple();
}

async function sizedSnapshot(lock: ReservedSql, name: string, cluster: string): Promise<TenantSnapshot> {
  return toTenantSnapshot((await readCopyStates(lock, [name], { size: true })).get(name)!, cluster)!;
}
