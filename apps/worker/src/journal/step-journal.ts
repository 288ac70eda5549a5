import type { PendingQuery, Row } from 'postgres';
import { ProjectLock } from './project-lock.js';
import type { RecordedStep } from '@org/operations';
import { recordStepTransition, type StepTransition, type TransitionRun } from '@org/operations';

/** What every run learns as it begins: its attempt and the steps earlier runs started. */
export interface StepJournalStart {
  /** The run's attempt (undefined: none was opened, the run may not go on). */
  attemptId: string | undefined;
  /** Steps recorded by earlier runs: a completed one is not run again. */
  recorded: Map<string, RecordedStep>;
}

/**
 * The journal of one run of an operation, of any kind, holding the project's lock: what the
 * runner (`runSteps`) writes as steps start, complete and fail. Writes are sent without
 * waiting (the steps run meanwhile); the next write or the settlement waits for the one
 * before, so a failed write (a lost connection, and with it the lock) stops the run at its
 * next transition, as does a lost lease (`signal`). The kinds differ only in how a run begins and settles (the subclasses).
 */
export abstract class StepJournal<Start extends StepJournalStart> extends ProjectLock {
  start!: Start;
  private pending: Promise<unknown> = Promise.resolve();

  /** Whose step runs (and, for a provisioning, which project's steps) the transitions write, under which lease. */
  protected abstract get transitionRun(): TransitionRun;

  /** Records what happened since the last write ({@link recordStepTransition}). */
  async transition(transition: StepTransition): Promise<void> {
    await this.pending;
    this.send(recordStepTransition(this.connection, this.transitionRun, transition));
  }

  /** Waits for the writes still pending: a settlement is written after them. */
  protected async written(options: { ignoreFailure?: boolean } = {}): Promise<void> {
    await (options.ignoreFailure ? this.pending.catch(() => undefined) : this.pending);
  }

  private send(query: PendingQuery<Row[]>): void {
    const write = this.fenced(query.execute());
    // Observed by the next transition or the settlement; marked handled now, so a failure
    // before then (a lost connection) is not an unhandled rejection that ends the process.
    write.catch(() => undefined);
    this.pending = write;
  }

  override async release(): Promise<void> {
    await this.pending.catch(() => undefined);
    await super.release();
  }
}
