import type { PendingQuery, Row } from 'postgres';
import { LOST } from '../worker-lost.js';
import { jsonb, type StatementSql } from './jsonb.js';
import type { StepCompletion } from './record-step-transition.js';

/** A part of a statement (common table expressions), sent inside the statement that uses it. */
type Fragment = PendingQuery<Row[]>;

/**
 * `lost` and `lost_steps`: the runs left running by dead workers (a project's, or an
 * operation's), but `except` (the run settling), failed as lost with their running steps.
 * For the statements that begin or settle a run under the project's lock.
 */
export function closeLostRuns(
  sql: StatementSql,
  of: { projectId: string } | { operationId: string },
  except: string | null = null,
): Fragment {
  const owner = 'projectId' in of ? sql`project_id = ${of.projectId}` : sql`job_id = ${of.operationId}`;
  return sql`
    lost as (
      update control_plane.provisioning_attempts set status = 'failed', error = ${jsonb(sql, LOST)}::jsonb, finished_at = now()
      where ${owner} and status = 'running' and id is distinct from ${except}::uuid),
    lost_steps as (
      update control_plane.provisioning_step_runs set status = 'failed', error = ${jsonb(sql, LOST)}::jsonb, finished_at = now()
      where status = 'running' and attempt_id is distinct from ${except}::uuid and attempt_id in (
        select id from control_plane.provisioning_attempts where ${owner} and status = 'running'))`;
}

/**
 * `last_run`, `attempt` and `operation`: a run's last step completed, its attempt and its
 * operation succeeded. For the success statement of each kind.
 */
export function succeedRun(
  sql: StatementSql,
  run: { attemptId: string | null; operationId: string | null; last: StepCompletion },
): Fragment {
  const { attemptId, operationId, last } = run;
  return sql`
    last_run as (
      update control_plane.provisioning_step_runs
      set status = 'completed', finished_at = now(), duration_ms = ${last.durationMs}
      where attempt_id = ${attemptId}::uuid and step = ${last.step}),
    attempt as (
      update control_plane.provisioning_attempts set status = 'succeeded', finished_at = now()
      where id = ${attemptId}::uuid),
    operation as (
      update control_plane.operations
      set status = 'succeeded', error = null, finished_at = now(), updated_at = now()
      where id = ${operationId}::uuid)`;
}
