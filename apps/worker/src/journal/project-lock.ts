import { projectLockKey } from '@org/db';
import { ProjectLockedError, type SerializedError } from '@org/errors';
import type { ReservedSql, Sql } from 'postgres';
import { LOST } from './worker-lost.js';

/** How a compensated project ends (a deletion is an operation of its own, see `LIFECYCLE_STEPS`). */
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
 * The project's advisory lock, held on a journal connection of its own: two runs (or a
 * run and the clean-up of an abandoned one) of one project never overlap, on any number of machines, and a
 * dead process's lock goes with its connection. Journal writes of the holder go over the
 * same connection. Waiting longer than the journal's lock timeout is a `ProjectLockedError`.
 */
export class ProjectLock {
  protected constructor(
    protected readonly connection: ReservedSql,
    readonly projectId: string,
  ) {}

  /** Reserves a journal connection and takes the lock on it. */
  protected static async reserveLocked(sql: Sql, projectId: string): Promise<ReservedSql> {
    const connection = await sql.reserve();
    try {
      await connection`select pg_advisory_lock(hashtextextended(${projectLockKey(projectId)}, 0))`;
      return connection;
    } catch (error) {
      connection.release();
      if ((error as { code?: unknown }).code === '55P03') throw new ProjectLockedError(projectId, { cause: error });
      throw error;
    }
  }

  static async acquire(sql: Sql, projectId: string): Promise<ProjectLock> {
    return new ProjectLock(await ProjectLock.reserveLocked(sql, projectId), projectId);
  }

  /** The project's provisioning status, read under the lock (undefined: no such project). */
  async readProvisioningStatus(): Promise<string | undefined> {
    const [row] = await this.connection<{ status: string }[]>`
      select provisioning_status as status from control_plane.projects where id = ${this.projectId}`;
    return row?.status;
  }

  /** Marks a deletion as under way, so that status shows it. */
  async markDeprovisioning(): Promise<void> {
    await this.connection`
      update control_plane.projects set provisioning_status = 'deprovisioning', updated_at = now()
      where id = ${this.projectId}`;
  }

  /**
   * After compensation, in one durable statement: forget the steps and any unclaimed
   * result, close the attempt (and its failing step's run) and the operation, and give the
   * project its final status. The step runs stay: they are the failed attempt's history.
   */
  async settleCompensated(settlement: CompensatedSettlement): Promise<void> {
    const error = settlement.error ?? null;
    await this.connection`
      with sync as (select set_config('synchronous_commit', 'on', true)),
      steps as (delete from control_plane.provisioning_steps where project_id = ${this.projectId}),
      results as (delete from control_plane.provisioning_results where project_id = ${this.projectId}),
      attempt as (
        update control_plane.provisioning_attempts
        set status = 'failed', error = ${this.json(settlement.error)}::jsonb, finished_at = now()
        where id = ${settlement.attemptId ?? null}::uuid),
      step_run as (
        update control_plane.provisioning_step_runs
        set status = 'failed', error = ${this.json(settlement.error)}::jsonb, finished_at = now()
        where attempt_id = ${settlement.attemptId ?? null}::uuid and step = ${error?.step ?? null} and status = 'running'),
      lost as (
        update control_plane.provisioning_attempts set status = 'failed', error = ${this.json(LOST)}::jsonb, finished_at = now()
        where project_id = ${this.projectId} and status = 'running' and id is distinct from ${settlement.attemptId ?? null}::uuid),
      lost_steps as (
        update control_plane.provisioning_step_runs set status = 'failed', error = ${this.json(LOST)}::jsonb, finished_at = now()
        where status = 'running' and attempt_id is distinct from ${settlement.attemptId ?? null}::uuid and attempt_id in (
          select id from control_plane.provisioning_attempts where project_id = ${this.projectId} and status = 'running')),
      operation as (
        update control_plane.operations
        set status = 'failed', error = ${this.json(settlement.error)}::jsonb, finished_at = now(), updated_at = now()
        where id = ${settlement.operationId ?? null}::uuid and status in ('queued', 'running')),
      project as (
        update control_plane.projects
        set provisioning_status = ${settlement.status}, provisioning_step = null,
            provisioning_error = ${settlement.reason?.slice(0, 1000) ?? null}, updated_at = now()
        where id = ${this.projectId})
      select (select 1 from sync) as synced`;
  }

  /** Fails an operation that is still open (queued or running) with `error`; an ended one is left as it is. */
  async failOperation(operationId: string, error: SerializedError): Promise<void> {
    await this.connection`
      update control_plane.operations
      set status = 'failed', error = ${this.json(error)}::jsonb, finished_at = now(), updated_at = now()
      where id = ${operationId}::uuid and status in ('queued', 'running')`;
  }

  /** A jsonb parameter (postgres.js serialises it), or SQL NULL. */
  protected json(value: unknown): ReturnType<ReservedSql['json']> | null {
    return value === undefined ? null : this.connection.json(value);
  }

  /** Releases the lock and the connection. Never throws: a lost connection released it already. */
  async release(): Promise<void> {
    await this.connection`select pg_advisory_unlock(hashtextextended(${projectLockKey(this.projectId)}, 0))`.catch(
      () => undefined,
    );
    this.connection.release();
  }
}
