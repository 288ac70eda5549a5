import type { JobWithMetadata } from 'pg-boss';
import { runLifecycleOperation } from '../../operations/run-lifecycle-operation.js';
import type { WorkerContext } from '../../provisioning/worker-context.js';

/**
 * `project_lifecycle_dead`'s handler: a lifecycle job whose last attempt's worker died is
 * run once more as abandoned: what its steps changed is undone and the operation fails.
 */
export async function handleLifecycleDeadLetters(jobs: JobWithMetadata<unknown>[], ctx: WorkerContext): Promise<void> {
  for (const job of jobs) {
    // Its own run after the original job's last: (retries + 1) attempts, then this one.
    const attempt = (job.sourceRetryCount ?? 0) + 2 + job.retryCount;
    const outcome = await runLifecycleOperation(job.data, ctx, { attempt, finalAttempt: true, abandoned: true });
    if (!outcome.settled) throw new Error(`${outcome.error.code}: ${outcome.error.message}`);
  }
}
