import type { SerializedError } from '@org/errors';
import type { Sql } from 'postgres';
import { ProjectLock, type TakeOptions } from './project-lock.js';
import { StepJournal } from './step-journal.js';
import { beginProvisioningRun, type RunMeta, type RunStart } from '@org/operations';
import type { StepCompletion, TransitionRun } from '@org/operations';
import { settleProvisioningForRetry } from '@org/operations';
import { settleProvisioningSucceeded } from '@org/operations';

/**
 * One provisioning run's journal ({@link StepJournal}): what earlier runs of the project
 * completed, and how a provisioning settles. Each write is a statement of `transitions/`,
 * sent on the lock's connection.
 */
export class JournalRun extends StepJournal<RunStart> {
  /** The operation the run carries out (see {@link RunMeta.operationId}). */
  operationId: string | null = null;

  protected get transitionRun(): TransitionRun {
    return { lease: this.lease, attemptId: this.start.attemptId ?? null, provisioningOf: this.projectId };
  }

  /** Whether the project may be provisioned (its attempt was opened). */
  get eligible(): boolean {
    return this.start.attemptId !== undefined;
  }

  /** Takes the project's lock and lease and begins a run (see {@link beginProvisioningRun}). */
  static async begin(sql: Sql, projectId: string, meta: RunMeta, options: TakeOptions): Promise<JournalRun> {
    const { connection, lease } = await ProjectLock.take(sql, projectId, meta.workerId);
    const run = new JournalRun(connection, lease, options);
    try {
      run.start = await run.fenced(beginProvisioningRun(run.connection, lease, meta));
      run.operationId = meta.operationId ?? null;
      return run;
    } catch (error) {
      await run.release();
      throw error;
    }
  }

  /** Success ({@link settleProvisioningSucceeded}), after the writes still pending. */
  async settleSucceeded(last: StepCompletion, sealedResult: string | undefined, ttlHours: number): Promise<void> {
    await this.written();
    await this.fenced(
      settleProvisioningSucceeded(this.connection, this.lease, {
        attemptId: this.start.attemptId ?? null,
        operationId: this.operationId,
        last,
        sealedResult,
        ttlHours,
      }),
    );
  }

  /** A failure left for a later attempt ({@link settleProvisioningForRetry}). */
  async settleForRetry(step: string | undefined, error: SerializedError): Promise<void> {
    await this.written({ ignoreFailure: true });
    await this.fenced(
      settleProvisioningForRetry(this.connection, this.lease, {
        attemptId: this.start.attemptId ?? null,
        operationId: this.operationId,
        step,
        error,
        reason: `${error.code}: ${error.message}`,
      }),
    );
  }

  /** A final failure after compensation ({@link settleCompensated}): the project ends `failed`. */
  async settleUndone(error: SerializedError & { step?: string }): Promise<void> {
    await this.written({ ignoreFailure: true });
    await this.settleCompensated({
      status: 'failed',
      reason: `${error.code}: ${error.message}`,
      ...(this.start.attemptId === undefined ? {} : { attemptId: this.start.attemptId }),
      error,
      operationId: this.operationId,
    });
  }

  /**
   * A run that may not go on (the project is not eligible, or it is already provisioned):
   * its operation, if it is still open, fails with `error`. Nothing else is touched.
   */
  async settleNotEligible(error: SerializedError): Promise<void> {
    if (this.operationId !== null) await this.failOperation(this.operationId, error);
  }
}
