import { LeaseLostError, serializeError, type SerializedError } from '@org/errors';
import { z } from 'zod';
import { type LifecycleRun } from '../journal/index.js';
import { ABANDONED } from '@org/operations';
import { compensate } from '../provisioning/compensate.js';
import { runSteps } from '../provisioning/run-steps.js';
import { settleFailure } from '../provisioning/settle-run.js';
import type { WorkerContext } from '../provisioning/worker-context.js';
import { LIFECYCLE, LIFECYCLE_KINDS } from './lifecycle-steps.js';

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
 * Runs (or resumes) one lifecycle operation under its project's lock, on the same engine as
 * a provisioning: the journal begins the run, the operation's rule may refuse it (final,
 * touching nothing), `runSteps` walks its step table ({@link LIFECYCLE}) from the steps its
 * earlier runs did not complete, and one durable statement ends it with the project's new
 * state. A failure is settled by `settleFailure`: on the last attempt (or when it is not
 * retryable) the undo walk (`compensate`) puts back what the operation's steps changed,
 * last first. `abandoned` is the dead-letter path: the last attempt's worker died, so undo
 * and fail.
 */
export async function runLifecycleOperation(
  payload: unknown,
  ctx: WorkerContext,
  options: { attempt: number; finalAttempt: boolean; abandoned?: boolean; signal?: AbortSignal; workerId?: string },
): Promise<LifecycleOutcome> {
  const startedAt = Date.now();
  const parsed = lifecyclePayloadSchema.safeParse(payload);
  if (!parsed.success) return { settled: true, output: { success: false, error: 'malformed lifecycle job' } };
  const data = { ...parsed.data, project_id: parsed.data.project_id.toLowerCase() };
  const { operation_id: operationId, project_id: projectId, kind } = data;
  const { table, refuse } = LIFECYCLE[kind];
  const log = ctx.logger.child({ projectId, operationId, kind, attempt: options.attempt });
  let run: LifecycleRun;
  try {
    run = await ctx.journal.openLifecycleRun(projectId, operationId, options.attempt, {
      holder: options.workerId,
      signal: options.signal,
    });
  } catch (error) {
    // The lock was not had in time, or the database is gone: the queue tries again.
    log.warn({ error: serializeError(error) }, 'lifecycle operation could not begin');
    return { settled: false, error: serializeError(error) };
  }
  // The steps earlier runs of the operation started: the undo walk covers them too.
  const started = () => new Set(run.start.recorded.keys());
  try {
    if (!run.start.open) return { settled: true, output: { success: true, skipped: 'operation not open' } };
    if (options.abandoned) {
      await compensate(table, projectId, ctx, { only: started() }).catch((error: unknown) =>
        log.error({ error: serializeError(error) }, 'abandoned lifecycle operation not fully undone'),
      );
      await run.settleFailed(ABANDONED, true);
      log.warn('lifecycle operation abandoned by its last worker; undone');
      return { settled: true, output: { success: false, error: ABANDONED } };
    }
    const refusal = refuse(
      {
        status: run.start.projectStatus,
        provisioningStatus: run.start.provisioningStatus,
        deletionProtection: run.start.deletionProtection,
      },
      projectId,
    );
    const resumed = [...run.start.recorded].filter(([, step]) => step.status === 'completed').map(([name]) => name);
    if (refusal === undefined) log.info({ resumedAfter: resumed }, 'lifecycle operation started');
    const outcome =
      refusal === undefined
        ? await runSteps(table, data, run, ctx, log, { attempt: options.attempt, startedAt, prefix: `${kind}:` })
        : undefined;
    let lost: { step: string; error: unknown } | undefined;
    if (outcome?.ok === true) {
      try {
        await run.settleSucceeded(kind, outcome.last);
        await ctx.onCheckpoint?.(`${kind}:settled`, projectId);
        log.info({ durationMs: Date.now() - startedAt }, 'lifecycle operation succeeded');
        return { settled: true, output: { success: true, project_id: projectId, kind } };
      } catch (error) {
        // Lost while settling: the run that holds the project now finishes it.
        if (!LeaseLostError.is(error)) throw error;
        lost = { step: outcome.last.step, error };
      }
    }
    const failure = lost ?? (outcome === undefined || outcome.ok ? { error: refusal, refused: true } : outcome);
    const settled = await settleFailure(failure, run, ctx, log, {
      finalAttempt: options.finalAttempt,
      // What earlier runs started, and this one.
      undo: (original) =>
        compensate(table, projectId, ctx, {
          only: new Set([...started(), ...(outcome?.ok === false ? outcome.started : [])]),
          original,
        }),
    });
    return settled.ended
      ? { settled: true, output: { success: false, error: settled.error } }
      : { settled: false, error: settled.error };
  } finally {
    await run.release();
  }
}
