import type { SerializedError } from '@org/errors';
import type { Sql } from 'postgres';
import { ProjectLock } from './project-lock.js';
import { readRunStart, type RunMeta, type RunStart } from './run-start.js';

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

/**
 * One provisioning run's journal, holding the project's lock: what earlier runs completed,
 * the step transitions of this one, and how it settles.
 */
export class JournalRun extends ProjectLock {
  /** What the run learned as it began: the project's state, its recorded steps, its attempt. */
  start!: RunStart;
  /** The operation the run carries out (see {@link RunMeta.operationId}). */
  operationId: string | null = null;
  private pending: Promise<unknown> = Promise.resolve();

  /** Whether the project may be provisioned (its attempt was opened). */
  get eligible(): boolean {
    return this.start.attemptId !== undefined;
  }

  /** Takes the project's lock and begins a run (see {@link readRunStart}). */
  static async begin(sql: Sql, projectId: string, meta: RunMeta): Promise<JournalRun> {
    const run = new JournalRun(await ProjectLock.reserveLocked(sql, projectId), projectId);
    try {
      run.start = await readRunStart(run.connection, projectId, meta);
      run.operationId = meta.operationId ?? null;
      return run;
    } catch (error) {
      await run.release();
      throw error;
    }
  }

  /**
   * Records, in one statement, what happened since the last write: a step completed, a
   * step failed (beside another that failed first), and the steps that start now. It is
   * sent without waiting (the steps run meanwhile); the next write or the settlement waits
   * for it, so a failed write (a lost connection, and with it the lock) stops the run at
   * its next transition.
   */
  async transition({ done, failed, started }: StepTransition): Promise<void> {
    await this.pending;
    const current = started.length > 0 ? started.join(', ') : null;
    const attemptId = this.start.attemptId ?? null;
    const write = this.connection`
      with done as (
        update control_plane.provisioning_steps
        set status = 'completed', output = ${this.json(done?.output)}::jsonb, error = null, completed_at = now(),
            duration_ms = ${done?.durationMs ?? null}
        where project_id = ${this.projectId} and step = ${done?.step ?? null}),
      done_run as (
        update control_plane.provisioning_step_runs
        set status = 'completed', finished_at = now(), duration_ms = ${done?.durationMs ?? null}
        where attempt_id = ${attemptId}::uuid and step = ${done?.step ?? null}),
      failed as (
        update control_plane.provisioning_steps set status = 'failed', error = ${this.json(failed?.error)}::jsonb
        where project_id = ${this.projectId} and step = ${failed?.step ?? null}),
      failed_run as (
        update control_plane.provisioning_step_runs
        set status = 'failed', finished_at = now(), error = ${this.json(failed?.error)}::jsonb
        where attempt_id = ${attemptId}::uuid and step = ${failed?.step ?? null}),
      next as (
        insert into control_plane.provisioning_steps (project_id, step, status, attempts)
        select ${this.projectId}, step, 'running', 1 from unnest(${current === null ? null : [...started]}::text[]) as step
        on conflict (project_id, step) do update
        set status = 'running', attempts = provisioning_steps.attempts + 1, error = null, started_at = now()),
      next_run as (
        insert into control_plane.provisioning_step_runs (attempt_id, step, status)
        select ${attemptId}::uuid, step, 'running' from unnest(${current === null ? null : [...started]}::text[]) as step
        where ${attemptId}::uuid is not null
        on conflict (attempt_id, step) do nothing),
      project as (
        update control_plane.projects set provisioning_step = ${current}, updated_at = now()
        where id = ${this.projectId} and ${current}::text is not null)
      select 1`.execute();
    // Observed by the next transition or the settlement; marked handled now, so a failure
    // before then (a lost connection) is not an unhandled rejection that ends the process.
    write.catch(() => undefined);
    this.pending = write;
  }

  /**
   * Success, in one durable statement: the last step completed, the project provisioned,
   * the attempt and the operation succeeded, the sealed one-time result stored (when given),
   * and every `sealed` field dropped from step outputs: from now on the result is the only copy.
   */
  async settleSucceeded(last: StepCompletion, sealedResult: string | undefined, ttlHours: number): Promise<void> {
    await this.pending;
    await this.connection`
      with sync as (select set_config('synchronous_commit', 'on', true)),
      result as (
        insert into control_plane.provisioning_results (project_id, sealed, expires_at)
        select ${this.projectId}, ${sealedResult ?? null}, now() + make_interval(hours => ${ttlHours})
        where ${sealedResult ?? null}::text is not null
        on conflict (project_id) do nothing),
      steps as (
        update control_plane.provisioning_steps
        set status = 'completed',
            output = case when step = ${last.step} then ${this.json(last.output)}::jsonb else output end - 'sealed',
            completed_at = case when step = ${last.step} then now() else completed_at end,
            duration_ms = case when step = ${last.step} then ${last.durationMs} else duration_ms end
        where project_id = ${this.projectId} and (step = ${last.step} or output ? 'sealed')),
      last_run as (
        update control_plane.provisioning_step_runs
        set status = 'completed', finished_at = now(), duration_ms = ${last.durationMs}
        where attempt_id = ${this.start.attemptId ?? null}::uuid and step = ${last.step}),
      attempt as (
        update control_plane.provisioning_attempts set status = 'succeeded', finished_at = now()
        where id = ${this.start.attemptId ?? null}::uuid),
      operation as (
        update control_plane.operations
        set status = 'succeeded', error = null, finished_at = now(), updated_at = now()
        where id = ${this.operationId}::uuid),
      project as (
        update control_plane.projects
        set provisioning_status = 'provisioned', provisioning_step = ${last.step}, provisioning_error = null,
            provisioned_at = now(), updated_at = now()
        where id = ${this.projectId})
      select (select 1 from sync) as synced`;
  }

  /**
   * A failure left for a later attempt: the step and the attempt failed, the project stays
   * `provisioning` and the operation `running`, with the error as its latest.
   */
  async settleForRetry(step: string | undefined, error: SerializedError, reason: string): Promise<void> {
    await this.pending.catch(() => undefined);
    await this.connection`
      with step as (
        update control_plane.provisioning_steps set status = 'failed', error = ${this.json(error)}::jsonb
        where project_id = ${this.projectId} and step = ${step ?? null}),
      step_run as (
        update control_plane.provisioning_step_runs set status = 'failed', finished_at = now(), error = ${this.json(error)}::jsonb
        where attempt_id = ${this.start.attemptId ?? null}::uuid and step = ${step ?? null}),
      operation as (
        update control_plane.operations set error = ${this.json({ ...error, step })}::jsonb, updated_at = now()
        where id = ${this.operationId}::uuid),
      attempt as (
        update control_plane.provisioning_attempts
        set status = 'failed', error = ${this.json({ ...error, step })}::jsonb, finished_at = now()
        where id = ${this.start.attemptId ?? null}::uuid),
      project as (
        update control_plane.projects set provisioning_error = ${reason.slice(0, 1000)}, updated_at = now()
        where id = ${this.projectId})
      select 1`;
  }

  /**
   * A run that may not go on (the project is not eligible, or it is already provisioned):
   * its operation, if it is still open, fails with `error`. Nothing else is touched.
   */
  async settleNotEligible(error: SerializedError): Promise<void> {
    if (this.operationId !== null) await this.failOperation(this.operationId, error);
  }

  override async release(): Promise<void> {
    await this.pending.catch(() => undefined);
    await super.release();
  }
}
