import {
  dropTenantSnapshot,
  findProjectSnapshot,
  listTenantSnapshots,
  reopenTenantDatabase,
  restoreTenantDatabase,
  snapshotTenantDatabase,
  tenantDatabaseName,
  tenantSnapshotName,
  type RestoreCheckpoint,
  type SnapshotCheckpoint,
  type TenantSnapshot,
} from '@org/db';
import { QuotaExceededError, serializeError, TenantCopyError, ValidationError } from '@org/errors';
import { SNAPSHOT_MAX_AGE_DAYS, SNAPSHOT_QUOTA } from '@org/operations';
import type { WorkerContext } from '../provisioning/worker-context.js';

// What the snapshot operations do to a project's database, on @org/db's copies. Each reads
// what it was asked (the snapshot's id) from its operation's request: the open operation of
// the project, as a project has at most one.

/** The open operation's request: a snapshot's id, a restore's preserved one. */
async function asked(projectId: string, ctx: WorkerContext): Promise<{ snapshotId: string; preserveId?: string }> {
  const [row] = await ctx.db.client.sql<{ snapshot_id: string | null; preserve_id: string | null }[]>`
    select request ->> 'snapshot_id' as snapshot_id, request ->> 'preserve_id' as preserve_id
    from control_plane.operations where project_id = ${projectId} and status in ('queued', 'running')`;
  if (row?.snapshot_id == null) {
    throw new ValidationError([{ path: 'request.snapshot_id', message: 'the operation names no snapshot' }]);
  }
  return { snapshotId: row.snapshot_id, ...(row.preserve_id === null ? {} : { preserveId: row.preserve_id }) };
}

/**
 * A new snapshot of the project's database, under the project's retention: its snapshots
 * older than its `snapshot_retention_days` are dropped first; then, with a
 * `snapshot_retention_count`, its oldest ones past that count once the new one is made, and
 * without one, a snapshot past {@link SNAPSHOT_QUOTA} is refused (for good). Retention skips
 * a snapshot an open branch copies from, and one it cannot drop stays for the next time. A
 * retry finds a complete one made by an earlier run and keeps it.
 */
export async function takeSnapshot(
  projectId: string,
  ctx: WorkerContext,
  checkpoint?: (name: SnapshotCheckpoint) => Promise<void>,
): Promise<void> {
  const { snapshotId } = await asked(projectId, ctx);
  const name = tenantSnapshotName(snapshotId);
  const databaseName = tenantDatabaseName(projectId);
  const [retention] = await ctx.db.client.sql<{ days: number; count: number | null }[]>`
    select snapshot_retention_days as days, snapshot_retention_count as count
    from control_plane.projects where id = ${projectId}::uuid`;
  const days = retention?.days ?? SNAPSHOT_MAX_AGE_DAYS;
  const keep = Math.min(retention?.count ?? SNAPSHOT_QUOTA, SNAPSHOT_QUOTA);
  const cutoff = Date.now() - days * 86_400_000;
  // A branch is another project's operation, so nothing keeps it apart from this one: the
  // snapshots an open branch copies from are not dropped (a later snapshot drops them).
  const branched = new Set(
    (
      await ctx.db.client.sql<{ id: string }[]>`
        select request -> 'from' ->> 'snapshot_id' as id from control_plane.operations
        where kind = 'provision' and status in ('queued', 'running')
          and request -> 'from' ->> 'project_id' = ${projectId} and request -> 'from' ? 'snapshot_id'`
    ).map((row) => tenantSnapshotName(row.id)),
  );
  // What retention drops, it drops as it can: one it cannot drop now (a copy of it holds it)
  // stays until the next snapshot, rather than fail this one.
  const retire = async (snapshot: TenantSnapshot, why: string): Promise<void> => {
    if (branched.has(snapshot.name)) return;
    await dropTenantSnapshot(snapshot.name, ctx.db, snapshot).catch((error: unknown) =>
      ctx.logger.warn(
        { projectId, snapshot: snapshot.name, why, error: serializeError(error) },
        'snapshot not dropped',
      ),
    );
  };
  const kept = [];
  for (const snapshot of await listTenantSnapshots(databaseName, ctx.db)) {
    if (snapshot.name === name) continue;
    if (snapshot.createdAt.getTime() < cutoff) await retire(snapshot, 'older than the retention');
    else kept.push(snapshot);
  }
  if (retention?.count == null && kept.length >= SNAPSHOT_QUOTA) {
    throw new QuotaExceededError('snapshots', SNAPSHOT_QUOTA, kept.length);
  }
  const made = await snapshotTenantDatabase(databaseName, name, ctx.db, checkpoint === undefined ? {} : { checkpoint });
  // The oldest past the count go once the new one is made, so a failed copy costs none of them.
  for (const snapshot of kept.slice(0, Math.max(0, kept.length + 1 - keep))) await retire(snapshot, 'past the count');
  ctx.logger.info(
    { projectId, snapshot: name, sizeBytes: made.sizeBytes, interruptedMs: Math.round(made.interruptedMs) },
    'snapshot taken',
  );
}

/**
 * A snapshot's undo: the copy this operation made (complete or half-made) is dropped, and the
 * tenant database opened again, in case a run died while it was closed for the copy.
 */
export async function dropTakenSnapshot(projectId: string, ctx: WorkerContext): Promise<boolean> {
  const { snapshotId } = await asked(projectId, ctx);
  const dropped = await dropTenantSnapshot(tenantSnapshotName(snapshotId), ctx.db);
  await reopenTenantDatabase(tenantDatabaseName(projectId), ctx.db);
  return dropped;
}

/**
 * The project's database replaced by a copy of one of its snapshots, the replaced one kept as
 * the snapshot `preserveId` (so that a restore is undone by restoring that one). Resumable: a
 * retry finishes a restore cut off anywhere.
 */
export async function restoreSnapshot(
  projectId: string,
  ctx: WorkerContext,
  checkpoint?: (name: RestoreCheckpoint) => Promise<void>,
): Promise<void> {
  const { snapshotId, preserveId } = await asked(projectId, ctx);
  if (preserveId === undefined) {
    throw new ValidationError([{ path: 'request.preserve_id', message: 'a restore names where to keep the database' }]);
  }
  const databaseName = tenantDatabaseName(projectId);
  const preserved = tenantSnapshotName(preserveId);
  if ((await findProjectSnapshot(projectId, snapshotId, ctx.db)) === undefined) {
    throw new TenantCopyError(`Project ${projectId} has no snapshot ${snapshotId}`, { retryable: false });
  }
  const restored = await restoreTenantDatabase(
    databaseName,
    tenantSnapshotName(snapshotId),
    preserved,
    ctx.db,
    checkpoint === undefined ? {} : { checkpoint },
  );
  ctx.logger.info(
    { projectId, snapshot: snapshotId, preserved: preserveId, interruptedMs: Math.round(restored.interruptedMs) },
    'snapshot restored',
  );
}

/** One of the project's snapshots dropped; one already gone is done. */
export async function deleteSnapshot(projectId: string, ctx: WorkerContext): Promise<void> {
  const { snapshotId } = await asked(projectId, ctx);
  const snapshot = await findProjectSnapshot(projectId, snapshotId, ctx.db);
  if (snapshot !== undefined) await dropTenantSnapshot(snapshot.name, ctx.db, snapshot);
}
