import type { SerializedError } from '@org/errors';
import { jsonb, type StatementSql } from './jsonb.js';
import { holdLease, type ProjectLease } from './project-lease.js';

/** Which run of which operation failed, where, and whether for good. */
export interface LifecycleFailure {
  operationId: string;
  /** The run's attempt (undefined: none was opened, the operation was refused before it ran). */
  attemptId: string | undefined;
  error: SerializedError & { step?: string };
  /** The operation fails too (else it stays running, its job retried, with `error` as its latest). */
  final: boolean;
}

/**
 * A failed run of a lifecycle operation, in one durable statement: the failing step's run
 * and the attempt failed with `error`; the operation too when `final`.
 */
export async function settleLifecycleFailed(
  sql: StatementSql,
  lease: ProjectLease,
  failure: LifecycleFailure,
): Promise<void> {
  const { operationId, attemptId, error, final } = failure;
  await sql`
    with ${holdLease(sql, lease)},
    sync as (select set_config('synchronous_commit', 'on', true)),
    step_run as (
      update control_plane.provisioning_step_runs
      set status = 'failed', finished_at = now(), error = ${jsonb(sql, error)}::jsonb
      where attempt_id = ${attemptId ?? null}::uuid and step = ${error.step ?? null} and status = 'running'),
    attempt as (
      update control_plane.provisioning_attempts set status = 'failed', error = ${jsonb(sql, error)}::jsonb, finished_at = now()
      where id = ${attemptId ?? null}::uuid),
    operation as (
      update control_plane.operations
      set error = ${jsonb(sql, error)}::jsonb, updated_at = now(),
          status = case when ${final} then 'failed' else status end,
          finished_at = case when ${final} then now() else finished_at end
      where id = ${operationId}::uuid)
    select (select 1 from sync) as synced from fence`;
}
