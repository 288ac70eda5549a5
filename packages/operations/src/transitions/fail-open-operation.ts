import type { SerializedError } from '@org/errors';
import { jsonb, type StatementSql } from './jsonb.js';
import { holdLease, type ProjectLease } from './project-lease.js';

/**
 * Fails an operation that is still open (queued or running) with `error`; an ended one is
 * left as it is. Under the project's lease.
 */
export async function failOpenOperation(
  sql: StatementSql,
  lease: ProjectLease,
  operationId: string,
  error: SerializedError,
): Promise<void> {
  await sql`
    with ${holdLease(sql, lease)},
    failed as (
      update control_plane.operations
      set status = 'failed', error = ${jsonb(sql, error)}::jsonb, finished_at = now(), updated_at = now()
      where id = ${operationId}::uuid and status in ('queued', 'running'))
    select held from fence`;
}
