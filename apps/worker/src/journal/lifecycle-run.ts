import type { SerializedError } from '@org/errors';
import type { ReservedSql, Sql } from 'postgres';
import { ProjectLock, type TakeOptions } from './project-lock.js';
import { StepJournal } from './step-journal.js';
import { beginOperationRun, type OperationRunStart, type TakenLease } from '@org/operations';
import type { StepCompletion, TransitionRun } from '@org/operations';
import { settleLifecycleFailed } from '@org/operations';
import { settleLifecycleSucceeded, type LifecycleKind } from '@org/operations';

/**
 * One run of a lifecycle operation (suspend, resume, delete, reset_password)
 * ({@link StepJournal}): its steps are journaled as step runs of its attempt, like a
 * provisioning's, and it resumes from the steps its operation's earlier runs completed.
 * It settles in one durable statement with the project's new state.
 */
export class LifecycleRun extends StepJournal<OperationRunStart> {
  private constructor(
    connection: ReservedSql,
    lease: TakenLease,
    options: TakeOptions,
    readonly operationId: string,
  ) {
    super(connection, lease, options);
  }

  protected get transitionRun(): TransitionRun {
    return { lease: this.lease, attemptId: this.start.attemptId ?? null, provisioningOf: null };
  }

  /** Takes the project's lock and lease and begins the run ({@link beginOperationRun}). */
  static async open(
    sql: Sql,
    projectId: string,
    operationId: string,
    attempt: number,
    options: TakeOptions,
  ): Promise<LifecycleRun> {
    const { connection, lease } = await ProjectLock.take(sql, projectId, options.holder);
    const run = new LifecycleRun(connection, lease, options, operationId);
    try {
      run.start = await run.fenced(beginOperationRun(run.connection, lease, operationId, attempt));
      return run;
    } catch (error) {
      await run.release();
      throw error;
    }
  }

  /** Success ({@link settleLifecycleSucceeded}), after the writes still pending. */
  async settleSucceeded(kind: LifecycleKind, last: StepCompletion): Promise<void> {
    await this.written();
    await this.fenced(
      settleLifecycleSucceeded(this.connection, this.lease, {
        operationId: this.operationId,
        attemptId: this.start.attemptId!,
        kind,
        last,
      }),
    );
  }

  /** A failure left for a later attempt ({@link settleLifecycleFailed}): the operation stays running. */
  settleForRetry(step: string | undefined, error: SerializedError): Promise<void> {
    return this.settleFailed({ ...error, ...(step === undefined ? {} : { step }) }, false);
  }

  /** A final failure, after the undo walk: the operation fails. */
  settleUndone(error: SerializedError & { step?: string }): Promise<void> {
    return this.settleFailed(error, true);
  }

  /** A refused run (the project may not have this operation now): the operation fails, nothing else changed. */
  settleNotEligible(error: SerializedError): Promise<void> {
    return this.settleFailed(error, true);
  }

  /** A failed run ({@link settleLifecycleFailed}): the operation too when `final`. */
  async settleFailed(error: SerializedError & { step?: string }, final: boolean): Promise<void> {
    await this.written({ ignoreFailure: true });
    await this.fenced(
      settleLifecycleFailed(this.connection, this.lease, {
        operationId: this.operationId,
        attemptId: this.start.attemptId,
        error,
        final,
      }),
    );
  }
}
