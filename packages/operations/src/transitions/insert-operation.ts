import { OperationInProgressError } from '@org/errors';
import type { TransactionSql } from 'postgres';
import type { OperationKind } from '../schema/operations.js';

/** An operation to record: its id is also its queue job's. */
export interface NewOperation {
  id: string;
  projectId: string;
  kind: OperationKind;
  requestedBy: string | null;
  /** What was asked (a provisioning's validated payload); none for a lifecycle operation. */
  request?: Record<string, unknown> | null;
}

/**
 * Records a queued operation in the caller's transaction `tx` (with its queue job, see
 * `requestOperation`). A project has at most one queued or running operation: another one
 * is an {@link OperationInProgressError} naming it (a concurrent request waits for the first
 * to commit, then is refused).
 */
export async function insertOperation(tx: TransactionSql, operation: NewOperation): Promise<void> {
  // The request goes as text, cast by the server: a plain postgres.js pool serialises a
  // jsonb parameter itself (a string would become a JSON string, whose fields read as null),
  // a Drizzle-wrapped one does not (an object would not be serialised at all).
  const inserted = await tx`
    insert into control_plane.operations (id, project_id, kind, requested_by, request)
    values (${operation.id}, ${operation.projectId}, ${operation.kind}, ${operation.requestedBy},
            ${operation.request == null ? null : JSON.stringify(operation.request)}::text::jsonb)
    on conflict do nothing
    returning id`;
  if (inserted.length > 0) return;
  const [active] = await tx<{ id: string }[]>`
    select id from control_plane.operations
    where project_id = ${operation.projectId} and status in ('queued', 'running')`;
  throw new OperationInProgressError(operation.projectId, active?.id ?? 'unknown');
}
