import type { SerializedError } from '@org/errors';
import { jsonb, type StatementSql } from './jsonb.js';
import { holdLease, type ProjectLease } from './project-lease.js';

/** Which run failed, where, and why. */
export interface ProvisioningRetry {
  attemptId: string | null;
  operationId: string | null;
  step: string | undefined;
  error: SerializedError;
  /** The project's last error, as the contract's progress tracking shows it. */
  reason: string;
}

/**
 * A failure left for a later attempt, in one statement: the step and the attempt failed,
 * the project stays `provisioning` and the operation `running`, with the error as its latest.
 */
export async function settleProvisioningForRetry(
  sql: StatementSql,
  lease: ProjectLease,
  retry: ProvisioningRetry,
): Promise<void> {
  const { projectId } = lease;
  const { attemptId, operationId, step, error, reason } = retry;
  await sql`
    with ${holdLease(sql, lease)},
    step as (
      update control_plane.provisioning_steps set status = 'failed', error = ${jsonb(sql, error)}::jsonb
      where project_id = ${projectId} and step = ${step ?? null}),
    step_run as (
      update control_plane.provisioning_step_runs set status = 'failed', finished_at = now(), error = ${jsonb(sql, error)}::jsonb
      where attempt_id = ${attemptId}::uuid and step = ${step ?? null}),
    operation as (
      update control_plane.operations set error = ${jsonb(sql, { ...error, step })}::jsonb, updated_at = now()
      where id = ${operationId}::uuid),
    attempt as (
      update control_plane.provisioning_attempts
      set status = 'failed', error = ${jsonb(sql, { ...error, step })}::jsonb, finished_at = now()
      where id = ${attemptId}::uuid),
    project as (
      update control_plane.projects set provisioning_error = ${reason.slice(0, 1000)}, updated_at = now()
      where id = ${projectId})
    select held from fence`;
}
