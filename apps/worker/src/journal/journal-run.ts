import type { SerializedError } from '@org/errors';
import type { Sql } from 'postgres';
import { ProjectLock } from './project-lock.js';
import { beginProvisioningRun, type RunMeta, type RunStart } from './transitions/begin-provisioning-run.js';
import {
  recordStepTransition,
  type StepCompletion,
  type StepTransition,
} from './transitions/record-step-transition.js';
import { settleProvisioningForRetry } from './transitions/settle-provisioning-for-retry.js';
import { settleProvisioningSucceeded } from './transitions/settle-provisioning-succeeded.js';

/**
 * One provisioning run's journal, holding the project's lock: what earlier runs completed,
 * the step transitions of this one, and how it settles. Each write is a statement of
 * `transitions/`, sent on the lock's connection.
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

  /** Takes the project's lock and begins a run (see {@link beginProvisioningRun}). */
  static async begin(sql: Sql, projectId: string, meta: RunMeta): Promise<JournalRun> {
    const run = new JournalRun(await ProjectLock.reserveLocked(sql, projectId), projectId);
    try {
      run.start = await beginProvisioningRun(run.connection, projectId, meta);
      run.operationId = meta.operationId ?? null;
      return run;
    } catch (error) {
      await run.release();
      throw error;
    }
  }

  /**
   * Records what happened since the last write ({@link recordStepTransition}). It is sent
   * without waiting (the steps run meanwhile); the next write or the settlement waits for
   * it, so a failed write (a lost connection, and with it the lock) stops the run at its
   * next transition.
   */
  async transition(transition: StepTransition): Promise<void> {
    await this.pending;
    const write = recordStepTransition(
      this.connection,
      this.projectId,
      this.start.attemptId ?? null,
      transition,
    ).execute();
    // Observed by the next transition or the settlement; marked handled now, so a failure
    // before then (a lost connection) is not an unhandled rejection that ends the process.
    write.catch(() => undefined);
    this.pending = write;
  }

  /** Success ({@link settleProvisioningSucceeded}), after the writes still pending. */
  async settleSucceeded(last: StepCompletion, sealedResult: string | undefined, ttlHours: number): Promise<void> {
    await this.pending;
    await settleProvisioningSucceeded(this.connection, {
      projectId: this.projectId,
      attemptId: this.start.attemptId ?? null,
      operationId: this.operationId,
      last,
      sealedResult,
      ttlHours,
    });
  }

  /** A failure left for a later attempt ({@link settleProvisioningForRetry}). */
  async settleForRetry(step: string | undefined, error: SerializedError, reason: string): Promise<void> {
    await this.pending.catch(() => undefined);
    await settleProvisioningForRetry(this.connection, {
      projectId: this.projectId,
      attemptId: this.start.attemptId ?? null,
      operationId: this.operationId,
      step,
      error,
      reason,
    });
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
