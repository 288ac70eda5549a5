import type { JobWithMetadata } from 'pg-boss';
import { runLifecycleOperation } from '../../operations/run-lifecycle-operation.js';
import type { WorkerContext } from '../../provisioning/worker-context.js';

/**
 * `project_lifecycle`'s handler: one run of each job's operation. An attempt left for the
 * queue's retry throws, with our code and message, which pg-boss stores.
 */
export async function handleLifecycleJobs(jobs: JobWithMetadata<unknown>[], ctx: WorkerContext): Promise<void> {
  for (const job of jobs) {
    const outcome = await runLifecycleOperation(job.data, ctx, {
      attempt: job.retryCount + 1,
      finalAttempt: job.retryCount >= job.retryLimit,
      signal: job.signal,
    });
    if (!outcome.settled) throw new Error(`${outcome.error.code}: ${outcome.error.message}`);
  }
}
