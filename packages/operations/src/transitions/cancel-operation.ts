import { PROJECT_LOCK_PREFIX } from '@org/db';
import type { Sql } from 'postgres';
import type { OperationKind } from '../schema/operations.js';

/** What {@link cancelOperation} did. */
export type CancelOutcome =
  | { cancelled: true; projectId: string; kind: OperationKind }
  | { cancelled: false; reason: 'not_found' | 'not_cancellable'; status?: string };

/**
 * Cancels an operation no worker has started: `queued`, and its project's lock free (a
 * worker that took the lock may be starting it). In one statement, so a worker that takes
 * the lock next finds it cancelled and does not run it.
 */
export async function cancelOperation(sql: Sql, id: string): Promise<CancelOutcome> {
  const [row] = await sql<{ project_id: string; kind: OperationKind; status: string; cancelled: boolean }[]>`
    with target as (select id, project_id, kind, status from control_plane.operations where id = ${id}::uuid),
    cancelled as (
      update control_plane.operations o set status = 'cancelled', finished_at = now(), updated_at = now()
      from target t
      where o.id = t.id and t.status = 'queued'
        and pg_try_advisory_xact_lock(hashtextextended(${PROJECT_LOCK_PREFIX} || t.project_id::text, 0))
      returning o.id)
    select t.project_id, t.kind, t.status, exists (select 1 from cancelled) as cancelled from target t`;
  if (row === undefined) return { cancelled: false, reason: 'not_found' };
  if (!row.cancelled) return { cancelled: false, reason: 'not_cancellable', status: row.status };
  return { cancelled: true, projectId: row.project_id, kind: row.kind };
}
