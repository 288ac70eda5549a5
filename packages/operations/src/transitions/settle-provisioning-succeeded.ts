import { jsonb, type StatementSql } from './jsonb.js';
import { holdLease, type ProjectLease } from './project-lease.js';
import type { StepCompletion } from './record-step-transition.js';
import { succeedRun } from './run-fragments.js';

/** Which run succeeded, and what it leaves. */
export interface ProvisioningSuccess {
  attemptId: string | null;
  operationId: string | null;
  /** The step that completed last. */
  last: StepCompletion;
  /** The sealed one-time result, stored when given, for `ttlHours`. */
  sealedResult: string | undefined;
  ttlHours: number;
}

/**
 * Success, in one durable statement: the last step completed, the project provisioned,
 * the attempt and the operation succeeded, the sealed one-time result stored (when given),
 * and every `sealed` field dropped from step outputs: from now on the result is the only copy.
 */
export async function settleProvisioningSucceeded(
  sql: StatementSql,
  lease: ProjectLease,
  success: ProvisioningSuccess,
): Promise<void> {
  const { projectId } = lease;
  const { attemptId, operationId, last, sealedResult, ttlHours } = success;
  await sql`
    with ${holdLease(sql, lease)},
    sync as (select set_config('synchronous_commit', 'on', true)),
    result as (
      insert into control_plane.provisioning_results (project_id, sealed, expires_at)
      select ${projectId}, ${sealedResult ?? null}, now() + make_interval(hours => ${ttlHours})
      where ${sealedResult ?? null}::text is not null
      on conflict (project_id) do nothing),
    steps as (
      update control_plane.provisioning_steps
      set status = 'completed',
          output = case when step = ${last.step} then ${jsonb(sql, last.output)}::jsonb else output end - 'sealed',
          completed_at = case when step = ${last.step} then now() else completed_at end,
          duration_ms = case when step = ${last.step} then ${last.durationMs} else duration_ms end
      where project_id = ${projectId} and (step = ${last.step} or output ? 'sealed')),
    ${succeedRun(sql, { attemptId, operationId, last })},
    project as (
      update control_plane.projects
      set provisioning_status = 'provisioned', provisioning_step = ${last.step}, provisioning_error = null,
          provisioned_at = now(), updated_at = now()
      where id = ${projectId})
    select (select 1 from sync) as synced from fence`;
}
