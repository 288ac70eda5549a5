import type { SerializedError } from '@org/errors';
import type { ReservedSql, Sql } from 'postgres';
import { ProjectLock } from './project-lock.js';
import type { OperationKind } from './schema/operations.js';
import { beginLifecycleRun, type LifecycleStart } from './transitions/begin-lifecycle-run.js';
import { recordLifecycleStep, type LifecycleStepOutcome } from './transitions/record-lifecycle-step.js';
import { settleLifecycleFailed } from './transitions/settle-lifecycle-failed.js';
import { settleLifecycleSucceeded } from './transitions/settle-lifecycle-succeeded.js';

/**
 * One run of a lifecycle operation (suspend, resume, delete, reset_password) under the
 * project's lock: its progress is appended to the operation's `events` (bookkeeping
 * commits asynchronously, like the provisioning journal's: a lost event only runs an
 * idempotent step again), and it settles in one durable statement with the project's new
 * state. Each write is a statement of `transitions/`, sent on the lock's connection.
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

  /** Takes the project's lock and begins the run ({@link beginLifecycleRun}). */
  static async open(sql: Sql, projectId: string, operationId: string, attempt: number): Promise<LifecycleRun> {
    const run = new LifecycleRun(await ProjectLock.reserveLocked(sql, projectId), projectId, operationId, attempt);
    try {
      run.start = await beginLifecycleRun(run.connection, projectId, operationId, attempt);
      return run;
    } catch (error) {
      await run.release();
      throw error;
    }
  }

  /** Appends a step's start, completion or failure to the operation's events. */
  step(step: string, outcome: LifecycleStepOutcome): Promise<void> {
    return recordLifecycleStep(this.connection, this.operationId, this.attempt, step, outcome);
  }

  /** Success ({@link settleLifecycleSucceeded}). */
  succeed(kind: Exclude<OperationKind, 'provision'>): Promise<void> {
    return settleLifecycleSucceeded(this.connection, {
      projectId: this.projectId,
      operationId: this.operationId,
      attempt: this.attempt,
      kind,
    });
  }

  /** A failed run ({@link settleLifecycleFailed}): the operation too when `final`. */
  fail(error: SerializedError & { step?: string }, final: boolean): Promise<void> {
    return settleLifecycleFailed(this.connection, {
      operationId: this.operationId,
      attempt: this.attempt,
      error,
      final,
    });
  }
}
