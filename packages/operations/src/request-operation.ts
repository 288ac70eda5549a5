import { randomUUID } from 'node:crypto';
import { OperationInProgressError, ValidationError } from '@org/errors';
import type { PgBoss } from 'pg-boss';
import type { TransactionSql } from 'postgres';
import { transactionBossDb } from './postgres-js-boss-db.js';
import type { ProvisioningPayloadInput } from './provisioning-payload.js';
import { LIFECYCLE_QUEUE, PROVISION_QUEUE, PURGE_DUE_QUEUE } from './queue-names.js';
import { isSnapshotName, SNAPSHOT_NAME_MAX } from './snapshot-limits.js';
import { insertOperation } from './transitions/insert-operation.js';
import type { LifecycleKind } from './transitions/settle-lifecycle-succeeded.js';
import { validateProvisioningParams } from './validate-provisioning-params.js';

/** The lifecycle operations that say more than their kind (see {@link OperationRequest}). */
type DetailedKind = 'delete' | 'snapshot' | 'delete_snapshot' | 'restore';

/**
 * An operation to record and enqueue, with who asked for it. A deletion says how long the
 * project stays recoverable (`deletionRetentionSeconds`); a snapshot, its deletion and a
 * restore name their snapshot (a new one's id is the caller's to choose, so it can answer
 * with it, and its `name`, for people, is optional); a restore also names the snapshot that
 * keeps the database it replaces.
 */
export type OperationRequest =
  | { kind: 'provision'; payload: ProvisioningPayloadInput; requestedBy: string | null }
  | { kind: 'delete'; projectId: string; requestedBy: string | null; retentionSeconds: number }
  | { kind: 'snapshot'; projectId: string; requestedBy: string | null; snapshotId: string; name?: string }
  | { kind: 'delete_snapshot'; projectId: string; requestedBy: string | null; snapshotId: string }
  | { kind: 'restore'; projectId: string; requestedBy: string | null; snapshotId: string; preserveId: string }
  | { kind: Exclude<LifecycleKind, DetailedKind>; projectId: string; requestedBy: string | null };

/** What a lifecycle operation's request keeps (its `request` column), read by its steps; never a secret. */
function detailsOf(request: OperationRequest): Record<string, unknown> | null {
  switch (request.kind) {
    case 'delete':
      if (!(Number.isFinite(request.retentionSeconds) && request.retentionSeconds >= 0)) {
        throw new RangeError('a deletion needs a retention of 0 seconds or more');
      }
      return { retention_seconds: request.retentionSeconds };
    case 'snapshot':
      if (request.name !== undefined && !isSnapshotName(request.name)) {
        throw new ValidationError([
          { path: 'name', message: `1 to ${SNAPSHOT_NAME_MAX} characters, not all blank, without control characters` },
        ]);
      }
      return {
        snapshot_id: request.snapshotId.toLowerCase(),
        ...(request.name === undefined ? {} : { name: request.name }),
      };
    case 'delete_snapshot':
      return { snapshot_id: request.snapshotId.toLowerCase() };
    case 'restore':
      return { snapshot_id: request.snapshotId.toLowerCase(), preserve_id: request.preserveId.toLowerCase() };
    default:
      return null;
  }
}

/**
 * Records an operation and enqueues its job in the caller's transaction `tx`, so that both
 * exist or neither does (a caller killed before its commit leaves nothing). The operation's
 * id is its job's. A provisioning's payload is validated first; a project with an operation
 * queued or running already is an `OperationInProgressError`. A deletion's purge is scheduled
 * with it (`PURGE_DUE_QUEUE`, due when its retention ends). Resolves with the operation's
 * id. Nothing runs here: a worker's handler picks the job up.
 */
export async function requestOperation(boss: PgBoss, tx: TransactionSql, request: OperationRequest): Promise<string> {
  const id = randomUUID();
  const input = request.kind === 'provision' ? validateProvisioningParams(request.payload) : undefined;
  const projectId = (input?.project_id ?? (request as { projectId: string }).projectId).toLowerCase();
  const retention = request.kind === 'delete' ? request.retentionSeconds : undefined;
  await insertOperation(tx, {
    id,
    projectId,
    kind: request.kind,
    requestedBy: request.requestedBy,
    request: input ?? detailsOf(request),
  });
  const db = transactionBossDb(tx);
  if (retention !== undefined) {
    // Due when the retention ends, counted from now: the deletion ends a little later, and the
    // job then waits for the `purge_at` it set (handlers/purge-due-job.ts in the worker).
    await boss.send(PURGE_DUE_QUEUE, { project_id: projectId }, { startAfter: Math.ceil(retention), db });
  }
  const sent =
    input === undefined
      ? await boss.send(LIFECYCLE_QUEUE, { operation_id: id, project_id: projectId, kind: request.kind }, { id, db })
      : await boss.send(PROVISION_QUEUE, input, { id, singletonKey: projectId, db });
  // A provisioning job of the project sent outside operations (by a version before every
  // provisioning was one) is queued or running.
  if (sent === null) throw new OperationInProgressError(projectId, 'unrecorded');
  return id;
}
