import type { SerializedError } from '@org/errors';
import type { Sql } from 'postgres';
import { ProjectLock } from './project-lock.js';

/** A step as the journal recorded it. */
export interface RecordedStep {
  status: 'running' | 'completed' | 'failed';
  /** How many times the step was started for this project. */
  attempts: number;
  output: Record<string, unknown> | null;
}

/** A completed step whose record is still to be written. */
export interface StepCompletion {
  step: string;
  output: Record<string, unknown>;
  durationMs: number;
}

/** Who is running: the queue's job and attempt, or a direct call. */
export interface RunMeta {
  attempt: number;
  jobId?: string | undefined;
  workerId?: string | undefined;
}

/** Project states from which a provisioning may run. */
export const PROVISIONABLE_STATUSES = ['pending', 'provisioning', 'failed'] as const;

interface BeginRow {
  status: string | null;
  provisioning_status: string | null;
  attempt_id: string | null;
  steps: Record<string, RecordedStep> | null;
  finished_by_job: boolean | null;
}

/**
 * One provisioning run's journal, holding the project's lock: what earlier runs completed,
 * the step transitions of this one, and how it settles.
 */
export class JournalRun extends ProjectLock {
  /** The project's status and provisioning status when the run began (null: no such project). */
  projectStatus: string | null = null;
  provisioningStatus: string | null = null;
  /** The attempt row, inserted only for an eligible project. */
  attemptId: string | undefined;
  /** Steps recorded by earlier runs of the project. */
  recorded = new Map<string, RecordedStep>();
  /** An earlier attempt of the same job already provisioned the project (its worker was lost after). */
  finishedByThisJob = false;
  private pending: Promise<unknown> = Promise.resolve();

  get eligible(): boolean {
    return this.attemptId !== undefined;
  }

  /**
   * Takes the lock, then in one statement: closes attempts left running by dead workers,
   * reads the project and its recorded steps, and, when the project may be provisioned,
   * opens this run's attempt and moves the project to `provisioning`.
   */
  static async begin(sql: Sql, projectId: string, meta: RunMeta): Promise<JournalRun> {
    const run = new JournalRun(await ProjectLock.reserveLocked(sql, projectId), projectId);
    try {
      const lost: SerializedError = {
        code: 'WORKER_LOST',
        message: 'the worker running this attempt stopped',
        retryable: true,
      };
      const [row] = await run.connection<BeginRow[]>`
        with lost as (
          update control_plane.provisioning_attempts set status = 'failed', error = ${run.json(lost)}::jsonb, finished_at = now()
          where project_id = ${projectId} and status = 'running'),
        project as (select status, provisioning_status from control_plane.projects where id = ${projectId}),
        eligible as (
          select 1 from project where status = 'active' and provisioning_status = any(${[...PROVISIONABLE_STATUSES]}::text[])),
        attempt as (
          insert into control_plane.provisioning_attempts (project_id, attempt, job_id, worker_id)
          select ${projectId}, ${meta.attempt}, ${meta.jobId ?? null}, ${meta.workerId ?? null} from eligible
          returning id),
        moved as (
          update control_plane.projects set provisioning_status = 'provisioning', provisioning_error = null, updated_at = now()
          where id = ${projectId} and exists (select 1 from eligible))
        select (select status from project) as status,
               (select provisioning_status from project) as provisioning_status,
               (select id from attempt) as attempt_id,
               (select json_object_agg(step, json_build_object('status', status, 'attempts', attempts, 'output', output))
                  from control_plane.provisioning_steps where project_id = ${projectId}) as steps,
               (select bool_or(status = 'succeeded') from control_plane.provisioning_attempts
                  where project_id = ${projectId} and job_id = ${meta.jobId ?? null}) as finished_by_job`;
      run.projectStatus = row?.status ?? null;
      run.provisioningStatus = row?.provisioning_status ?? null;
      run.attemptId = row?.attempt_id ?? undefined;
      run.recorded = new Map(Object.entries(row?.steps ?? {}));
      run.finishedByThisJob = row?.finished_by_job === true && run.provisioningStatus === 'provisioned';
      return run;
    } catch (error) {
      await run.release();
      throw error;
    }
  }

  /**
   * Records a step's completion and the next step's start in one statement. It is sent
   * without waiting (the next step runs meanwhile); the next transition or the settlement
   * waits for it, so a failed write (a lost connection, and with it the lock) stops the run
   * one step later at most.
   */
  async transition(done: StepCompletion | undefined, next: string): Promise<void> {
    await this.pending;
    this.pending = this.connection`
      with done as (
        update control_plane.provisioning_steps
        set status = 'completed', output = ${this.json(done?.output)}::jsonb, error = null, completed_at = now(),
            duration_ms = ${done?.durationMs ?? null}
        where project_id = ${this.projectId} and step = ${done?.step ?? null}),
      next as (
        insert into control_plane.provisioning_steps (project_id, step, status, attempts)
        values (${this.projectId}, ${next}, 'running', 1)
        on conflict (project_id, step) do update
        set status = 'running', attempts = provisioning_steps.attempts + 1, error = null, started_at = now()),
      project as (
        update control_plane.projects set provisioning_step = ${next}, updated_at = now() where id = ${this.projectId})
      select 1`.execute();
  }

  /**
   * Success, in one durable statement: the last step completed, the project provisioned,
   * the attempt succeeded, the sealed one-time result stored (when given), and every
   * `sealed` field dropped from step outputs: from now on the result is the only copy.
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
      attempt as (
        update control_plane.provisioning_attempts set status = 'succeeded', finished_at = now()
        where id = ${this.attemptId ?? null}::uuid),
      project as (
        update control_plane.projects
        set provisioning_status = 'provisioned', provisioning_step = ${last.step}, provisioning_error = null,
            provisioned_at = now(), updated_at = now()
        where id = ${this.projectId})
      select (select 1 from sync) as synced`;
  }

  /** A failure left for a later attempt: the step and the attempt failed, the project stays `provisioning`. */
  async settleForRetry(step: string | undefined, error: SerializedError, reason: string): Promise<void> {
    await this.pending.catch(() => undefined);
    await this.connection`
      with step as (
        update control_plane.provisioning_steps set status = 'failed', error = ${this.json(error)}::jsonb
        where project_id = ${this.projectId} and step = ${step ?? null}),
      attempt as (
        update control_plane.provisioning_attempts
        set status = 'failed', error = ${this.json({ ...error, step })}::jsonb, finished_at = now()
        where id = ${this.attemptId ?? null}::uuid),
      project as (
        update control_plane.projects set provisioning_error = ${reason.slice(0, 1000)}, updated_at = now()
        where id = ${this.projectId})
      select 1`;
  }

  override async release(): Promise<void> {
    await this.pending.catch(() => undefined);
    await super.release();
  }
}
