import { ProjectNotEligibleError, serializeError, type SerializedError } from '@org/errors';
import { withRetry } from '@org/retry';
import { z } from 'zod';
import { ABANDONED, type LifecycleRun } from '../journal/index.js';
import { retryPolicy } from '../provisioning/retry-policies.js';
import type { WorkerContext } from '../provisioning/worker-context.js';
import { LIFECYCLE_KINDS, LIFECYCLE_STEPS, type LifecycleKind } from './lifecycle-steps.js';

/** A lifecycle job's data: which operation, of which project. No secret. */
const lifecyclePayloadSchema = z.strictObject({
  operation_id: z.uuid(),
  project_id: z.uuid(),
  kind: z.enum(LIFECYCLE_KINDS),
});

/** How a job's run ended: settled (the operation ended or there was nothing to do), or left for the queue's retry. */
export type LifecycleOutcome =
  { settled: true; output: Record<string, unknown> } | { settled: false; error: SerializedError };

/**
 * Runs (or resumes) one lifecycle operation under its project's lock: the steps of
 * {@link LIFECYCLE_STEPS} that earlier runs did not complete, each under its retry policy
 * and journaled, then one durable statement that ends the operation and gives the project
 * its new state. Suspend and resume need a provisioned project (else the operation fails,
 * final and touching nothing); suspending a suspended project redoes harmless steps. A
 * failure on the last attempt (or one that is not retryable) undoes what the operation's
 * steps changed, last first, and fails it with the reason. `abandoned` is the dead-letter
 * path: the last attempt's worker died, so undo and fail.
 */
export async function runLifecycleOperation(
  payload: unknown,
  ctx: WorkerContext,
  options: { attempt: number; finalAttempt: boolean; abandoned?: boolean },
): Promise<LifecycleOutcome> {
  const parsed = lifecyclePayloadSchema.safeParse(payload);
  if (!parsed.success) return { settled: true, output: { success: false, error: 'malformed lifecycle job' } };
  const { operation_id: operationId, project_id: projectId, kind } = parsed.data;
  const log = ctx.logger.child({ projectId, operationId, kind, attempt: options.attempt });
  const steps = LIFECYCLE_STEPS[kind];
  let run: LifecycleRun;
  try {
    run = await ctx.journal.openLifecycleRun(projectId, operationId, options.attempt);
  } catch (error) {
    // The lock was not had in time, or the database is gone: the queue tries again.
    log.warn({ error: serializeError(error) }, 'lifecycle operation could not begin');
    return { settled: false, error: serializeError(error) };
  }
  const done = new Set(run.start.completed);
  let failedStep: string | undefined;
  try {
    if (!run.start.open) return { settled: true, output: { success: true, skipped: 'operation not open' } };
    if (options.abandoned) {
      await undo(kind, done, projectId, ctx, log);
      await run.fail(ABANDONED, true);
      log.warn('lifecycle operation abandoned by its last worker; undone');
      return { settled: true, output: { success: false, error: ABANDONED } };
    }
    const refusal = eligibility(kind, run.start.projectStatus, run.start.provisioningStatus, projectId);
    if (refusal !== undefined) {
      const error = serializeError(refusal);
      await run.fail(error, true);
      log.info({ error }, 'lifecycle operation refused');
      return { settled: true, output: { success: false, error } };
    }
    if (kind === 'delete') await run.markDeprovisioning();
    log.info({ resumedAfter: [...done] }, 'lifecycle operation started');
    for (const step of steps) {
      if (done.has(step.name)) continue;
      failedStep = step.name;
      const started = Date.now();
      await run.step(step.name, { status: 'running' });
      await ctx.onCheckpoint?.(`${kind}:${step.name}:before`, projectId);
      await withRetry(() => step.run(projectId, ctx), retryPolicy(step.retry, ctx.retryDelayScale), step.name);
      await ctx.onCheckpoint?.(`${kind}:${step.name}:after`, projectId);
      await run.step(step.name, { status: 'completed', durationMs: Date.now() - started });
      done.add(step.name);
      failedStep = undefined;
    }
    await run.succeed(kind);
    await ctx.onCheckpoint?.(`${kind}:settled`, projectId);
    log.info('lifecycle operation succeeded');
    return { settled: true, output: { success: true, project_id: projectId, kind } };
  } catch (error) {
    return await settleFailure(error);
  } finally {
    await run.release();
  }

  async function settleFailure(error: unknown): Promise<LifecycleOutcome> {
    const serialized = { ...serializeError(error), ...(failedStep === undefined ? {} : { step: failedStep }) };
    const final = options.finalAttempt || !serialized.retryable;
    try {
      if (failedStep !== undefined) await run.step(failedStep, { status: 'failed', error: serialized });
      if (final) await undo(kind, done, projectId, ctx, log);
      await run.fail(serialized, final);
    } catch (journalError) {
      // The journal is unreachable (and with it the lock): the queue's retry or dead letter settles it.
      log.warn({ error: serializeError(journalError) }, 'could not record the failed lifecycle attempt');
      return { settled: false, error: serialized };
    }
    log.error({ error: serialized, final }, 'lifecycle operation attempt failed');
    return final
      ? { settled: true, output: { success: false, error: serialized } }
      : { settled: false, error: serialized };
  }
}

/** Why an operation may not run on the project now, or undefined. */
function eligibility(
  kind: LifecycleKind,
  status: string | null,
  provisioningStatus: string | null,
  projectId: string,
): Error | undefined {
  if (kind === 'delete') return undefined;
  if (status === null) return new ProjectNotEligibleError(projectId, 'missing');
  if (status === 'deleted') return new ProjectNotEligibleError(projectId, 'deleted');
  if (provisioningStatus !== 'provisioned')
    return new ProjectNotEligibleError(projectId, provisioningStatus ?? 'unknown');
  return undefined;
}

/** Puts back what the completed steps changed, last first; best effort, each failure logged. */
async function undo(
  kind: LifecycleKind,
  done: ReadonlySet<string>,
  projectId: string,
  ctx: WorkerContext,
  log: WorkerContext['logger'],
): Promise<void> {
  for (const step of [...LIFECYCLE_STEPS[kind]].reverse()) {
    if (!done.has(step.name) || step.undo === undefined) continue;
    const revert = step.undo;
    await withRetry(
      () => revert(projectId, ctx),
      retryPolicy(step.retry, ctx.retryDelayScale),
      `undo ${step.name}`,
    ).catch((error: unknown) =>
      log.error({ step: step.name, error: serializeError(error) }, 'lifecycle step not undone'),
    );
  }
}
