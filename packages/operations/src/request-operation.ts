import { randomUUID } from 'node:crypto';
import { OperationInProgressError } from '@org/errors';
import type { PgBoss } from 'pg-boss';
import type { TransactionSql } from 'postgres';
import { transactionBossDb } from './postgres-js-boss-db.js';
import type { ProvisioningPayloadInput } from './provisioning-payload.js';
import { LIFECYCLE_QUEUE, PROVISION_QUEUE } from './queue-names.js';
import { insertOperation } from './transitions/insert-operation.js';
import type { LifecycleKind } from './transitions/settle-lifecycle-succeeded.js';
import { validateProvisioningParams } from './validate-provisioning-params.js';

/** An operation to record and enqueue, with who asked for it. */
export type OperationRequest =
  | { kind: 'provision'; payload: ProvisioningPayloadInput; requestedBy: string | null }
  | { kind: LifecycleKind; projectId: string; requestedBy: string | null };

/**
 * Records an operation and enqueues its job in the caller's transaction `tx`, so that both
 * exist or neither does (a caller killed before its commit leaves nothing). The operation's
 * id is its job's. A provisioning's payload is validated first; a project with an operation
 * queued or running already is an `OperationInProgressError`. Resolves with the operation's
 * id. Nothing runs here: a worker's handler picks the job up.
 */
export async function requestOperation(boss: PgBoss, tx: TransactionSql, request: OperationRequest): Promise<string> {
  const id = randomUUID();
  const input = request.kind === 'provision' ? validateProvisioningParams(request.payload) : undefined;
  const projectId = (input?.project_id ?? (request as { projectId: string }).projectId).toLowerCase();
  await insertOperation(tx, {
    id,
    projectId,
    kind: request.kind,
    requestedBy: request.requestedBy,
    request: input ?? null,
  });
  const db = transactionBossDb(tx);
  const sent =
    input === undefined
      ? await boss.send(LIFECYCLE_QUEUE, { operation_id: id, project_id: projectId, kind: request.kind }, { id, db })
      : await boss.send(PROVISION_QUEUE, input, { id, singletonKey: projectId, db });
  // A provisioning job of the project sent outside operations (by a version before every
  // provisioning was one) is queued or running.
  if (sent === null) throw new OperationInProgressError(projectId, 'unrecorded');
  return id;
}
