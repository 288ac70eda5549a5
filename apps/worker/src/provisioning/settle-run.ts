import { ErrorCodes, ProjectNotEligibleError, ProjectNotFoundError, serializeError } from '@org/errors';
import type { Logger } from 'pino';
import { RESULT_TTL_HOURS, type JournalRun, type StepCompletion } from '../journal/index.js';
import { compensate } from './compensate.js';
import type { ProvisioningResult } from './provisioning-result.js';
import type { WorkerContext } from './worker-context.js';

/** How a run ended, before it is settled. */
export type RunEnd =
  | { kind: 'succeeded'; last: StepCompletion }
  | { kind: 'not-eligible' }
  | { kind: 'failed'; step?: string; error: unknown };

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
 * The one place a run is settled: success, retry later, or final failure with
 * compensation. It writes the attempt, counts the metrics, logs the outcome once and
 * builds the job's output. `journal` is undefined when the run could not begin.
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
    await journal.settleSucceeded(end.last, options.storeResult ? sealed : undefined, RESULT_TTL_HOURS);
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
  const failure = end.kind === 'failed' ? end : { kind: 'failed' as const, error: notEligible(projectId, journal) };
  return settleFailure(failure, journal, ctx, log, options);
}

async function settleFailure(
  end: { step?: string; error: unknown },
  journal: JournalRun | undefined,
  ctx: WorkerContext,
  log: Logger,
  options: SettleOptions,
): Promise<ProvisionOutcome> {
  let error = end.error;
  let serialized = serializeError(error);
  // Not eligible is final and touches nothing; nor does a run that could not begin.
  const eligible = journal?.eligible === true ? journal : undefined;
  const final = options.finalAttempt || !serialized.retryable;
  let state: JobSettlement['state'] = final ? 'deadletter' : 'failed';
  let compensated = false;
  try {
    if (eligible !== undefined && final) {
      try {
        await compensate(options.projectId, ctx, { step: end.step, error });
        await eligible.settleCompensated({
          status: 'failed',
          reason: `${serialized.code}: ${serialized.message}`,
          attemptId: eligible.start.attemptId,
          error: { ...serialized, ...(end.step ? { step: end.step } : {}) },
          operationId: eligible.operationId,
        });
        compensated = true;
      } catch (compensationError) {
        // The project stays `provisioning`; the dead-letter consumer compensates again.
        error = compensationError;
        serialized = serializeError(error);
        await eligible.settleForRetry(end.step, serialized, `${serialized.code}: ${serialized.message}`);
      }
    } else if (eligible !== undefined) {
      await eligible.settleForRetry(end.step, serialized, `${serialized.code}: ${serialized.message}`);
    } else if (journal !== undefined) {
      await journal.settleNotEligible(serialized);
    }
  } catch (journalError) {
    // The journal is unreachable (and with it the lock): leave the job to the queue's retry.
    log.warn({ error: serializeError(journalError) }, 'could not record the failed attempt');
    if (!compensated && state === 'deadletter' && eligible !== undefined) state = 'failed';
  }
  ctx.metrics?.jobsFailed.inc();
  if (state === 'failed') ctx.metrics?.jobsRetried.inc();
  log.error(
    { step: end.step, error: serialized, final: state !== 'failed', compensated },
    'provisioning attempt failed',
  );
  const detail = { ...serialized, ...(end.step ? { step: end.step } : {}) };
  return { result: { success: false, error: detail }, job: { state, output: { success: false, error: detail } } };
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
