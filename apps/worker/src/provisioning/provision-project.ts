import { randomUUID } from 'node:crypto';
import { isUuid } from '@org/db';
import type { JournalRun } from '../journal/index.js';
import { PROVISIONING } from './provisioning-steps.js';
import type { ProvisioningResult } from '@org/operations';
import { runSteps } from './run-steps.js';
import { settleRun, type ProvisionOutcome } from './settle-run.js';
import { validateProvisioningParams } from '@org/operations';
import type { WorkerContext } from './worker-context.js';

export interface ProvisionOptions {
  /** 1 for the first run of the job. */
  attempt?: number;
  jobId?: string;
  /**
   * Whether this is the last attempt: a failure then compensates (every step's undo) and
   * the project ends `failed`. Direct calls default to true: nobody retries for them.
   */
  finalAttempt?: boolean;
  workerId?: string;
  /** The queue's signal for the job: the run stops when it aborts (see `ProjectLock`). */
  signal?: AbortSignal;
  /**
   * Keep the plaintext result sealed for one claim (default true: the queue's caller is
   * not the process that ran the job). A direct caller gets it returned instead.
   */
  storeResult?: boolean;
}

/**
 * Runs (or resumes) the provisioning of one project under its lock: the journal begins the
 * run, the runner walks the step table, and `settleRun` settles it. Every log line of the
 * run carries `projectId`, `jobId` and `attempt`.
 */
export async function provisionProject(
  payload: unknown,
  ctx: WorkerContext,
  options: ProvisionOptions = {},
): Promise<ProvisionOutcome> {
  const startedAt = Date.now();
  const attempt = options.attempt ?? 1;
  const settle = {
    finalAttempt: options.finalAttempt !== false,
    storeResult: options.storeResult !== false,
    startedAt,
  };
  let input;
  try {
    input = validateProvisioningParams(payload);
  } catch (error) {
    return settleRun({ kind: 'failed', error }, undefined, ctx, ctx.logger, { ...settle, projectId: '' });
  }
  const projectId = input.project_id.toLowerCase();
  const log = ctx.logger.child({ projectId, jobId: options.jobId ?? null, attempt });
  const end = { ...settle, projectId };
  ctx.metrics?.jobsStarted.inc();

  let journal: JournalRun;
  try {
    journal = await ctx.journal.beginRun(
      projectId,
      {
        attempt,
        jobId: options.jobId,
        workerId: options.workerId,
        // The queue's job ids are uuids, and an operation's id is its job's.
        operationId: isUuid(options.jobId) ? options.jobId.toLowerCase() : undefined,
      },
      options.signal,
    );
  } catch (error) {
    // The lock could not be had in time (another run of this project), or the database is gone.
    return settleRun({ kind: 'failed', error }, undefined, ctx, log, end);
  }
  try {
    await ctx.onCheckpoint?.('run:begun', projectId);
    if (!journal.eligible) return await settleRun({ kind: 'not-eligible' }, journal, ctx, log, end);
    const resumed = [...journal.start.recorded].filter(([, step]) => step.status === 'completed').map(([name]) => name);
    log.info({ resumedAfter: resumed }, 'provisioning started');
    const outcome = await runSteps(PROVISIONING, { ...input, project_id: projectId }, journal, ctx, log, {
      attempt,
      startedAt,
    });
    return await settleRun(
      outcome.ok ? { kind: 'succeeded', last: outcome.last } : { kind: 'failed', ...outcome },
      journal,
      ctx,
      log,
      end,
    );
  } finally {
    await journal.release();
  }
}

/**
 * The contract's handler, for direct use without the queue: provisions the project and returns
 * its result. A failure is final here (nobody retries a direct call): whatever was made is
 * cleaned up. The result is returned, not stored: no sealed copy stays at rest.
 */
export async function provisionProjectHandler(payload: unknown, ctx: WorkerContext): Promise<ProvisioningResult> {
  const outcome = await provisionProject(payload, ctx, {
    finalAttempt: true,
    storeResult: false,
    workerId: `direct-${randomUUID()}`,
  });
  return outcome.result;
}
