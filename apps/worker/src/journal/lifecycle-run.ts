import type { SerializedError } from '@org/errors';
import type { ReservedSql, Sql } from 'postgres';
import type { LifecycleEvent } from './operation-report.js';
import { ProjectLock } from './project-lock.js';
import type { OperationKind } from './schema/operations.js';

/** What a lifecycle run learns as it begins, under the project's lock. */
export interface LifecycleStart {
  /** False when the operation is unknown or has ended (cancelled, or settled by an earlier delivery). */
  open: boolean;
  kind: OperationKind | undefined;
  /** The project's status and provisioning status. */
  projectStatus: string | null;
  provisioningStatus: string | null;
  /** Steps completed by earlier runs of the operation: they are not run again. */
  completed: Set<string>;
}

// The project's final state after each lifecycle operation succeeds (null: unchanged).
const PROJECT_AFTER: Record<
  Exclude<OperationKind, 'provision'>,
  { status: string | null; provisioning: string | null }
> = {
  suspend: { status: 'suspended', provisioning: null },
  resume: { status: 'active', provisioning: null },
  delete: { status: 'deleted', provisioning: 'deprovisioned' },
  reset_password: { status: null, provisioning: null },
};

/**
 * One run of a lifecycle operation (suspend, resume, delete, reset_password) under the project's lock:
 * its progress is appended to the operation's `events` (bookkeeping commits
 * asynchronously, like the provisioning journal's: a lost event only runs an idempotent
 * step again), and it settles in one durable statement with the project's new state.
 */
export class LifecycleRun extends ProjectLock {
  start!: LifecycleStart;

  private constructor(
    connection: ReservedSql,
    projectId: string,
    readonly operationId: string,
    readonly attempt: number,
  ) {
    super(connection, projectId);
  }

  /** Takes the project's lock, marks the operation running and reads what earlier runs did. */
  static async open(sql: Sql, projectId: string, operationId: string, attempt: number): Promise<LifecycleRun> {
    const run = new LifecycleRun(await ProjectLock.reserveLocked(sql, projectId), projectId, operationId, attempt);
    try {
      const event: LifecycleEvent = { type: 'attempt', attempt, at: new Date().toISOString() };
      const [row] = await run.connection<
        {
          kind: OperationKind | null;
          open: boolean;
          status: string | null;
          provisioning_status: string | null;
          events: LifecycleEvent[] | null;
        }[]
      >`
        with started as (
          update control_plane.operations
          set status = 'running', attempts = attempts + 1, started_at = coalesce(started_at, now()), updated_at = now(),
              events = events || ${run.json([event])}::jsonb
          where id = ${operationId}::uuid and project_id = ${projectId} and status in ('queued', 'running')
          returning kind, events)
        select (select kind from started) as kind, exists (select 1 from started) as open,
               (select events from started) as events,
               p.status, p.provisioning_status
        from (select 1) one left join control_plane.projects p on p.id = ${projectId}`;
      const completed = new Set(
        (row?.events ?? []).flatMap((entry) =>
          entry.type === 'step' && entry.status === 'completed' ? [entry.step] : [],
        ),
      );
      run.start = {
        open: row?.open === true,
        kind: row?.kind ?? undefined,
        projectStatus: row?.status ?? null,
        provisioningStatus: row?.provisioning_status ?? null,
        completed,
      };
      return run;
    } catch (error) {
      await run.release();
      throw error;
    }
  }

  /** Appends a step's start, completion or failure to the operation's journal. */
  async step(
    step: string,
    outcome:
      | { status: 'running' }
      | { status: 'completed'; durationMs: number }
      | { status: 'failed'; error: SerializedError },
  ): Promise<void> {
    const event = { type: 'step', attempt: this.attempt, step, at: new Date().toISOString(), ...outcome };
    await this.connection`
      update control_plane.operations set events = events || ${this.json([event])}::jsonb, updated_at = now()
      where id = ${this.operationId}::uuid`;
  }

  /**
   * Success, durably: the operation succeeded and the project took its new state (a
   * deletion also forgets the provisioning's steps and any unclaimed result).
   */
  async succeed(kind: Exclude<OperationKind, 'provision'>): Promise<void> {
    const after = PROJECT_AFTER[kind];
    const event: LifecycleEvent = { type: 'attempt-succeeded', attempt: this.attempt, at: new Date().toISOString() };
    await this.connection`
      with sync as (select set_config('synchronous_commit', 'on', true)),
      operation as (
        update control_plane.operations
        set status = 'succeeded', error = null, finished_at = now(), updated_at = now(),
            events = events || ${this.json([event])}::jsonb
        where id = ${this.operationId}::uuid),
      steps as (delete from control_plane.provisioning_steps where project_id = ${this.projectId} and ${kind === 'delete'}),
      results as (delete from control_plane.provisioning_results where project_id = ${this.projectId} and ${kind === 'delete'}),
      project as (
        update control_plane.projects
        set status = coalesce(${after.status}::text, status),
            provisioning_status = coalesce(${after.provisioning}::text, provisioning_status),
            provisioning_step = case when ${kind === 'delete'} then null else provisioning_step end,
            updated_at = now()
        where id = ${this.projectId})
      select (select 1 from sync) as synced`;
  }

  /**
   * A failed run: the attempt failed with `error`; the operation too when `final`, else it
   * stays running (its job is retried), with `error` as its latest.
   */
  async fail(error: SerializedError & { step?: string }, final: boolean): Promise<void> {
    const event: LifecycleEvent = {
      type: 'attempt-failed',
      attempt: this.attempt,
      at: new Date().toISOString(),
      error,
    };
    await this.connection`
      with sync as (select set_config('synchronous_commit', 'on', true))
      update control_plane.operations
      set error = ${this.json(error)}::jsonb, updated_at = now(), events = events || ${this.json([event])}::jsonb,
          status = case when ${final} then 'failed' else status end,
          finished_at = case when ${final} then now() else finished_at end
      where id = ${this.operationId}::uuid and (select 1 from sync) = 1`;
  }
}
