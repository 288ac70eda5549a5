import type { SerializedError } from '@org/errors';
import type { PendingQuery, Row } from 'postgres';
import { jsonb, type StatementSql } from './jsonb.js';
import { holdLease, type ProjectLease } from './project-lease.js';

/** A completed step whose record is still to be written. */
export interface StepCompletion {
  step: string;
  output: Record<string, unknown>;
  durationMs: number;
}

/** One journal write of a run: what completed or failed since the last one, and what starts. */
export interface StepTransition {
  done?: StepCompletion | undefined;
  failed?: { step: string; error: SerializedError } | undefined;
  started: readonly string[];
}

/** Whose run a transition belongs to. */
export interface TransitionRun {
  /** The run's hold on its project: the statement is refused once it is lost. */
  lease: ProjectLease;
  /** The run's attempt, whose step runs are written (null: none was opened). */
  attemptId: string | null;
  /**
   * The project whose provisioning this run is: its `provisioning_steps` and current step
   * follow the run. Null for other operations, which keep only their step runs.
   */
  provisioningOf: string | null;
}

/**
 * In one statement, what happened in a run since its last write: a step completed, a step
 * failed (beside another that failed first), and the steps that start now (for a
 * provisioning, the project's current step names them). Returned unsent-awaited: the caller
 * decides when to wait for it.
 */
export function recordStepTransition(
  sql: StatementSql,
  { lease, attemptId, provisioningOf: projectId }: TransitionRun,
  { done, failed, started }: StepTransition,
): PendingQuery<Row[]> {
  const current = started.length > 0 ? started.join(', ') : null;
  return sql`
    with ${holdLease(sql, lease)},
    done as (
      update control_plane.provisioning_steps
      set status = 'completed', output = ${jsonb(sql, done?.output)}::jsonb, error = null, completed_at = now(),
          duration_ms = ${done?.durationMs ?? null}
      where project_id = ${projectId}::uuid and step = ${done?.step ?? null}),
    done_run as (
      update control_plane.provisioning_step_runs
      set status = 'completed', finished_at = now(), duration_ms = ${done?.durationMs ?? null}
      where attempt_id = ${attemptId}::uuid and step = ${done?.step ?? null}),
    failed as (
      update control_plane.provisioning_steps set status = 'failed', error = ${jsonb(sql, failed?.error)}::jsonb
      where project_id = ${projectId}::uuid and step = ${failed?.step ?? null}),
    failed_run as (
      update control_plane.provisioning_step_runs
      set status = 'failed', finished_at = now(), error = ${jsonb(sql, failed?.error)}::jsonb
      where attempt_id = ${attemptId}::uuid and step = ${failed?.step ?? null}),
    next as (
      insert into control_plane.provisioning_steps (project_id, step, status, attempts)
      select ${projectId}::uuid, step, 'running', 1 from unnest(${current === null ? null : [...started]}::text[]) as step
      where ${projectId}::uuid is not null
      on conflict (project_id, step) do update
      set status = 'running', attempts = provisioning_steps.attempts + 1, error = null, started_at = now()),
    next_run as (
      insert into control_plane.provisioning_step_runs (attempt_id, step, status)
      select ${attemptId}::uuid, step, 'running' from unnest(${current === null ? null : [...started]}::text[]) as step
      where ${attemptId}::uuid is not null
      on conflict (attempt_id, step) do nothing),
    project as (
      update control_plane.projects set provisioning_step = ${current}, updated_at = now()
      where id = ${projectId}::uuid and ${current}::text is not null)
    select held from fence`;
}
