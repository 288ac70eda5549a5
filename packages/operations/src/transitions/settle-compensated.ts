import type { SerializedError } from '@org/errors';
import { jsonb, type StatementSql } from './jsonb.js';
import { holdLease, type ProjectLease } from './project-lease.js';
import { closeLostRuns } from './run-fragments.js';

/** How a compensated provisioning ends (a deletion is an operation of its own, see `LIFECYCLE`). */
export interface CompensatedSettlement {
  status: 'failed';
  /** Recorded on the project as its provisioning error. */
  reason: string | null;
  /** The run's attempt, closed as failed with `error` (its failing step's run too). */
  attemptId?: string;
  error?: SerializedError & { step?: string };
  /** The operation this ends: `failed` with `error`. */
  operationId?: string | null;
}

/**
 * After compensation, in one durable statement: forget the steps and any unclaimed
 * result, close the attempt (and its failing step's run) and the operation, close attempts
 * left running by dead workers, and give the project its final status. The step runs stay:
 * they are the failed attempt's history.
 */
export async function settleCompensated(
  sql: StatementSql,
  lease: ProjectLease,
  settlement: CompensatedSettlement,
): Promise<void> {
  const { projectId } = lease;
  const error = settlement.error ?? null;
  const attemptId = settlement.attemptId ?? null;
  await sql`
    with ${holdLease(sql, lease)},
    sync as (select set_config('synchronous_commit', 'on', true)),
    steps as (delete from control_plane.provisioning_steps where project_id = ${projectId}),
    results as (delete from control_plane.provisioning_results where project_id = ${projectId}),
    attempt as (
      update control_plane.provisioning_attempts
      set status = 'failed', error = ${jsonb(sql, settlement.error)}::jsonb, finished_at = now()
      where id = ${attemptId}::uuid),
    step_run as (
      update control_plane.provisioning_step_runs
      set status = 'failed', error = ${jsonb(sql, settlement.error)}::jsonb, finished_at = now()
      where attempt_id = ${attemptId}::uuid and step = ${error?.step ?? null} and status = 'running'),
    ${closeLostRuns(sql, { projectId }, attemptId)},
    operation as (
      update control_plane.operations
      set status = 'failed', error = ${jsonb(sql, settlement.error)}::jsonb, finished_at = now(), updated_at = now()
      where id = ${settlement.operationId ?? null}::uuid and status in ('queued', 'running')),
    project as (
      update control_plane.projects
      set provisioning_status = ${settlement.status}, provisioning_step = null,
          provisioning_error = ${settlement.reason?.slice(0, 1000) ?? null}, updated_at = now()
      where id = ${projectId})
    select (select 1 from sync) as synced from fence`;
}
