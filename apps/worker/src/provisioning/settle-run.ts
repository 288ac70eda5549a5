import {
  ErrorCodes,
  LeaseLostError,
  ProjectNotEligibleError,
  ProjectNotFoundError,
  serializeError,
  type SerializedError,
} from '@org/errors';
import type { Logger } from 'pino';
import { type JournalRun } from '../journal/index.js';
import { RESULT_TTL_HOURS, type StepCompletion } from '@org/operations';
import { compensate } from './compensate.js';
import { PROVISIONING } from './provisioning-steps.js';
import type { ProvisioningResult } from '@org/operations';
import type { WorkerContext } from './worker-context.js';

/** How a run ended, before it is settled. */
export type RunEnd =
  | { kind: 'succeeded'; last: StepCompletion }
  | { kind: 'not-eligible' }
  | { kind: 'failed'; step?: string | undefined; error: unknown };

/** What the queue does with the job: done, retry later, or fail it for good now. */
export interface JobSettlement {
  state: 'completed' | 'failed' | 'deadletter';
  /** Stored by pg-boss in its job table: codes and ids, never a secret. */
  output: Record<string, unknown>;
}

/** A settled run: the contract's result for the caller, and the job's fate. */
export interface ProvisionOutcome {
  result: ProvisioningResult;
  job: JobSettlement;
}

export interface SettleOptions {
  projectId: string;
  /** A failure now is final: compensate. */
  finalAttempt: boolean;
  /** Keep the sealed result for one claim (the queue's caller is elsewhere). */
  storeResult: boolean;
  startedAt: number;
}

/**
 * The one place a provisioning run is settled: its success (the sealed result) and its own
 * cases (a retry of a job that had finished, a cancelled operation) here, any failure
 * through {@link settleFailure}, which every kind shares. It counts the provisioning
 * metrics and builds the job's output. `journal` is undefined when the run could not begin.
 */
export async function settleRun(
  end: RunEnd,
  journal: JournalRun | undefined,
  ctx: WorkerContext,
  log: Logger,
  options: SettleOptions,
): Promise<ProvisionOutcome> {
  const { projectId } = options;
  if (end.kind === 'succeeded' && journal !== undefined) {
    const sealed = String(end.last.output['sealed']);
    try {
      await journal.settleSucceeded(end.last, options.storeResult ? sealed : undefined, RESULT_TTL_HOURS);
    } catch (error) {
      // Lost while settling: the run that holds the project now finishes it.
      if (!LeaseLostError.is(error)) throw error;
      return settleRun({ kind: 'failed', step: end.last.step, error }, journal, ctx, log, options);
    }
    await ctx.onCheckpoint?.('run:settled', projectId);
    ctx.metrics?.jobsSucceeded.inc();
    log.info({ durationMs: Date.now() - options.startedAt }, 'project provisioned');
    return succeeded(projectId, { success: true, data: ctx.journal.results.open(projectId, sealed) });
  }
  if (end.kind === 'not-eligible' && journal?.start.finishedByThisJob) {
    // This job's earlier attempt provisioned the project; its worker was lost before the queue heard.
    const data = await ctx.journal.results.peek(projectId);
    ctx.metrics?.jobsSucceeded.inc();
    log.info({ resultAvailable: data !== undefined }, 'provisioning had completed before its worker was lost');
    if (data !== undefined) return succeeded(projectId, { success: true, data });
    const message = 'The project is provisioned; its one-time result was already claimed or has expired';
    const result = {
      success: false,
      error: { code: ErrorCodes.RESULT_UNAVAILABLE, message, retryable: false },
    } as const;
    return {
      result,
      job: { state: 'completed', output: { success: true, project_id: projectId, result: 'unavailable' } },
    };
  }
  if (end.kind === 'not-eligible' && journal?.start.operationStatus === 'cancelled') {
    log.info('provisioning cancelled before it ran');
    const error = { code: ErrorCodes.OPERATION_CANCELLED, message: 'The operation was cancelled', retryable: false };
    return {
      result: { success: false, error },
      job: { state: 'completed', output: { success: false, project_id: projectId, cancelled: true } },
    };
  }
  const failure = end.kind === 'failed' ? end : { error: notEligible(projectId, journal), refused: true };
  const settled = await settleFailure(failure, journal, ctx, log, {
    finalAttempt: options.finalAttempt,
    undo: (original) => compensate(PROVISIONING, projectId, ctx, { original }),
  });
  // The provisioning job counters count provisionings only.
  ctx.metrics?.jobsFailed.inc();
  if (settled.state === 'failed') ctx.metrics?.jobsRetried.inc();
  const detail = settled.error;
  return {
    result: { success: false, error: detail },
    job: { state: settled.state, output: { success: false, error: detail } },
  };
}

/** What the settlement of a failed run needs of its journal, whatever the operation's kind. */
export interface FailureJournal {
  /** Aborted when the run lost its project (see `ProjectLock`): nothing more is written. */
  readonly signal: AbortSignal;
  /** A failure left for a later attempt: the run's attempt fails, the operation stays running. */
  settleForRetry(step: string | undefined, error: SerializedError): Promise<void>;
  /** A final failure, after compensation: the attempt and the operation fail with `error`. */
  settleUndone(error: SerializedError & { step?: string }): Promise<void>;
  /** A run that may not go on: its operation, if still open, fails with `error`; nothing else is touched. */
  settleNotEligible(error: SerializedError): Promise<void>;
}

/** How a failed run was settled. */
export interface FailureSettlement {
  state: JobSettlement['state'];
  /** The failure (the compensation's, when that failed too), with its step. */
  error: SerializedError & { step?: string };
  /** The operation ended (failed, recorded); else it is left open for a later attempt or the dead-letter consumer. */
  ended: boolean;
}

/**
 * The one settlement of a failed run, of any kind. Not eligible (`refused`) is final and
 * touches nothing; nor does a run that could not begin (no journal). A final failure (the
 * last attempt, or an error that is not retryable) is compensated (`undo`, the operation's
 * undo walk) and settled as failed; if the compensation fails, the run is left for a later
 * attempt or the dead-letter consumer, which undoes again. Any other failure is left for
 * the queue's retry. A run that lost its project writes and undoes nothing: the run that
 * holds it now resumes it. It logs the outcome once.
 */
export async function settleFailure(
  end: { step?: string | undefined; error: unknown; refused?: boolean },
  journal: FailureJournal | undefined,
  ctx: WorkerContext,
  log: Logger,
  options: {
    finalAttempt: boolean;
    undo: (original: { step?: string | undefined; error: unknown }) => Promise<unknown>;
  },
): Promise<FailureSettlement> {
  const lostProject = (): FailureSettlement => {
    const lost = serializeError(LeaseLostError.is(end.error) ? end.error : journal?.signal.reason);
    log.warn({ step: end.step, error: lost }, 'run lost its project; left to the run that holds it now');
    return { state: 'failed', error: { ...lost, ...(end.step ? { step: end.step } : {}) }, ended: false };
  };
  // A function, not a narrowed property: the signal may abort while this settles.
  const lostNow = () => journal?.signal.aborted === true;
  if (lostNow() || LeaseLostError.is(end.error)) return lostProject();
  let error = end.error;
  let serialized = serializeError(error);
  const eligible = end.refused === true ? undefined : journal;
  const final = options.finalAttempt || !serialized.retryable;
  let state: JobSettlement['state'] = final ? 'deadletter' : 'failed';
  let compensated = false;
  let ended = false;
  const withStep = () => ({ ...serialized, ...(end.step ? { step: end.step } : {}) });
  try {
    if (eligible !== undefined && final) {
      try {
        await options.undo({ step: end.step, error });
        await eligible.settleUndone(withStep());
        compensated = true;
        ended = true;
      } catch (compensationError) {
        // The operation stays open; the dead-letter consumer (or the next attempt) undoes again.
        error = compensationError;
        serialized = serializeError(error);
        await eligible.settleForRetry(end.step, serialized);
      }
    } else if (eligible !== undefined) {
      await eligible.settleForRetry(end.step, serialized);
    } else if (journal !== undefined) {
      await journal.settleNotEligible(serialized);
      ended = true;
    }
  } catch (journalError) {
    // Lost while settling (the check gave up on the connection the write waited on).
    if (lostNow() && !compensated) return lostProject();
    // The journal is unreachable (and with it the lock): leave the job to the queue's retry.
    log.warn({ error: serializeError(journalError) }, 'could not record the failed attempt');
    if (!compensated && state === 'deadletter' && eligible !== undefined) state = 'failed';
  }
  log.error({ step: end.step, error: serialized, final: state !== 'failed', compensated }, 'attempt failed');
  return { state, error: withStep(), ended };
}

function succeeded(projectId: string, result: ProvisioningResult): ProvisionOutcome {
  return { result, job: { state: 'completed', output: { success: true, project_id: projectId } } };
}

function notEligible(projectId: string, journal: JournalRun | undefined): Error {
  if (journal?.start.projectStatus === null || journal?.start.projectStatus === undefined)
    return new ProjectNotFoundError(projectId);
  const status =
    journal.start.projectStatus === 'active' ? journal.start.provisioningStatus : journal.start.projectStatus;
  return new ProjectNotEligibleError(projectId, status ?? 'unknown');
}
